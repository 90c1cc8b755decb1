package dev.vaani.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.conversation.qualification.SpokenAmount.Style;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpeakableTextTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            **Great!** Which area do you prefer?           | Great! Which area do you prefer?
            ## Options                                     | Options
            - Whitefield                                   | Whitefield
            * Sarjapur Road                                | Sarjapur Road
            2. Electronic City                             | Electronic City
            Sure 😊 I can help 👍🏽                          | Sure I can help
            Call back at 5 ✅.                              | Call back at 5.
            See [our projects](https://vaani.dev/p) today  | See our projects today
            Use `the_code` _now_                           | Use the_code now
            1.2 crore is the price.                        | 1.2 crore is the price.
            well-connected, ready-to-move flats            | well-connected, ready-to-move flats
            बढ़िया! 🏠 आप किस एरिया में देख रहे हैं?               | बढ़िया! आप किस एरिया में देख रहे हैं?
            """)
    void markupAndEmojiAreNotHeard(String written, String heard) {
        assertThat(SpeakableText.withoutMarkup(written)).isEqualTo(heard);
    }

    @ParameterizedTest(name = "{0} in {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            The flat is ₹85,00,000.                      | ENGLISH  | The flat is 85 lakhs.
            The flat is Rs. 1,20,00,000/- only.          | ENGLISH  | The flat is 1.2 crore only.
            Price 8,500,000 INR                          | ENGLISH  | Price 85 lakhs INR
            Booking amount INR 50000                     | ENGLISH  | Booking amount 50000 rupees
            It is Rs 85 lakh                             | ENGLISH  | It is 85 lakh rupees
            budget ₹45L–₹55L hai                         | HINGLISH | budget 45 se 55 lakh hai
            A 2BHK and a 3 bhk                           | ENGLISH  | A 2 BHK and a 3 BHK
            1200 sq.ft, or 1200 sqft, or 1200 sq. ft.    | ENGLISH  | 1200 square feet, or 1200 square feet, or 1200 square feet.
            8.5% interest & no fees                      | ENGLISH  | 8.5 percent interest and no fees
            Visit https://www.vaanirealty.com/projects   | ENGLISH  | Visit vaanirealty dot com
            See https://vaanirealty.com/p/1.             | ENGLISH  | See vaanirealty dot com.
            A 1200 sq.ft. flat.                          | ENGLISH  | A 1200 square feet flat.
            Visit vaanirealty.in today                   | ENGLISH  | Visit vaanirealty dot in today
            Mail sales@vaanirealty.com                   | ENGLISH  | Mail sales at vaanirealty dot com
            फ्लैट ₹85,00,000 का है                        | HINDI    | फ्लैट पचासी लाख का है
            कीमत 1,50,00,000 है                           | HINDI    | कीमत डेढ़ करोड़ है
            1200 sq.ft का 2BHK                           | HINDI    | 1200 स्क्वेयर फ़ीट का 2 BHK
            **Great!** 85,00,000 it is 🙂                 | ENGLISH  | Great! 85 lakhs it is
            """)
    void amountsUnitsAndLinksAreSaidInWords(String written, Style style, String spoken) {
        assertThat(SpeakableText.forSpeech(written, style)).isEqualTo(spoken);
    }
}
