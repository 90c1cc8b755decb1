package dev.vaani.conversation.qualification;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How callers say things, English and Hinglish, and what we store. Columns: what the caller said | the field the
 * agent had just asked (blank: none) | the field | the value stored.
 */
class QualificationPhrasingsTest {

    private final QualificationExtractor extractor = new QualificationExtractor();

    @ParameterizedTest(name = "[{index}] \"{0}\" (asked {1}) -> {2} = {3}")
    @CsvSource(delimiter = '|', nullValues = "", textBlock = """
            # budget
            budget pachas lakh tak              |            | budget        | up to ₹50L
            around 50 lakhs                     |            | budget        | ₹45L–₹55L
            1.2 crore                           |            | budget        | ₹1.2Cr
            80L to 1Cr                          |            | budget        | ₹80L–₹1Cr
            50 lakhs                            |            | budget        | ₹50L
            50 lakh                             |            | budget        | ₹50L
            50L                                 |            | budget        | ₹50L
            50 lacs                             |            | budget        | ₹50L
            1.2 Cr                              |            | budget        | ₹1.2Cr
            1 crore 20 lakh                     |            | budget        | ₹1.2Cr
            80 lakh - 1 crore                   |            | budget        | ₹80L–₹1Cr
            between 60 and 80 lakhs             |            | budget        | ₹60L–₹80L
            sixty lakhs                         |            | budget        | ₹60L
            fifty five lakh                     |            | budget        | ₹55L
            ek crore                            |            | budget        | ₹1Cr
            pachas lakh                         |            | budget        | ₹50L
            dedh crore                          |            | budget        | ₹1.5Cr
            dhai crore tak                      |            | budget        | up to ₹2.5Cr
            sava crore                          |            | budget        | ₹1.25Cr
            saade teen crore                    |            | budget        | ₹3.5Cr
            assi lakh se ek crore               |            | budget        | ₹80L–₹1Cr
            5000000                             |            | budget        | ₹50L
            "50,00,000"                         |            | budget        | ₹50L
            ₹75L                                |            | budget        | ₹75L
            Rs 75 lakh                          |            | budget        | ₹75L
            up to 75 lakhs                      |            | budget        | up to ₹75L
            under 1 crore                       |            | budget        | up to ₹1Cr
            within 90 lakhs                     |            | budget        | up to ₹90L
            at least 2 crore                    |            | budget        | ₹2Cr+
            above 1.5 crore                     |            | budget        | ₹1.5Cr+
            fifty                               | budget     | budget        | ₹50L
            1.5                                 | budget     | budget        | ₹1.5Cr
            lagbhag 70 lakh                     |            | budget        | ₹63L–₹77L
            10 lakhs                            |            | budget        | ₹10L
            my budget is around fifty           | budget     | budget        | ₹45L–₹55L
            # a floor word turned down is a ceiling: "not more than X" is "up to X", and "not less than X" is "X or more"
            मेरा बजट पचास लाख से ज़्यादा नहीं है |           | budget        | up to ₹50L
            50 lakh se zyada nahi               |            | budget        | up to ₹50L
            zyada se zyada 50 lakh              |            | budget        | up to ₹50L
            ज़्यादा से ज़्यादा पचास लाख           |            | budget        | up to ₹50L
            at most 80 lakhs                    |            | budget        | up to ₹80L
            एक करोड़ से ऊपर नहीं                |            | budget        | up to ₹1Cr
            ek crore se zyada nahi jayenge      |            | budget        | up to ₹1Cr
            ek crore se upar to nahi            | budget     | budget        | up to ₹1Cr
            not over 1 crore                    |            | budget        | up to ₹1Cr
            no more than rs 80 lakh             |            | budget        | up to ₹80L
            no more than 80 lakhs               |            | budget        | up to ₹80L
            not more than 80 lakhs              |            | budget        | up to ₹80L
            budget is not above 90 lakhs        |            | budget        | up to ₹90L
            50 lakh se zyada                    |            | budget        | ₹50L+
            50 lakh se zyada hai na             |            | budget        | ₹50L+
            more than 80 lakhs                  |            | budget        | ₹80L+
            over 1 crore                        |            | budget        | ₹1Cr+
            ek crore ke upar                    |            | budget        | ₹1Cr+
            50 lakh se kam nahi                 |            | budget        | ₹50L+
            not less than 80 lakhs              |            | budget        | ₹80L+
            no less than 80 lakhs               |            | budget        | ₹80L+
            # property type and BHK
            teen BHK chahiye                    |            | bedrooms      | 3
            teen BHK chahiye                    |            | property_type | apartment
            2BHK                                |            | bedrooms      | 2
            2 BHK                               |            | bedrooms      | 2
            two bhk                             |            | bedrooms      | 2
            3 bedroom flat                      |            | bedrooms      | 3
            3 bedroom flat                      |            | property_type | apartment
            do bhk                              |            | bedrooms      | 2
            # the offline recogniser spells BHK as letters
            two b h k                           |            | bedrooms      | 2
            2 b h k                             |            | bedrooms      | 2
            three b.h.k                         |            | bedrooms      | 3
            two b h k                           | property_type | property_type | apartment
            i am looking for a two b h k apartment | location | bedrooms    | 2
            a villa                             |            | property_type | villa
            4 BHK villa                         |            | property_type | villa
            plot                                |            | property_type | plot
            office space                        |            | property_type | commercial
            shop                                |            | property_type | commercial
            1RK                                 |            | property_type | studio
            independent house                   |            | property_type | independent_house
            a penthouse                         |            | property_type | penthouse
            # a builder floor (one floor of a low-rise, common in Delhi NCR) is neither an apartment nor a house
            builder floor                       |            | property_type | builder_floor
            3 BHK builder floor                 |            | property_type | builder_floor
            3 BHK builder floor                 |            | bedrooms      | 3
            independent floor                   |            | property_type | builder_floor
            2 BHK flat on the first floor       |            | property_type | apartment
            # held out
            builder floor chahiye Dwarka mein   |            | property_type | builder_floor
            बिल्डर फ्लोर चाहिए                    |            | property_type | builder_floor
            two                                 | property_type | bedrooms   | 2
            # location
            Whitefield                          |            | location      | Whitefield
            white field                         |            | location      | Whitefield
            2BHK in Whitefield, Bangalore       |            | location      | Whitefield
            electronic city                     |            | location      | Electronic City
            Sarjapur road side                  |            | location      | Sarjapur Road
            Hinjewadi mein                      |            | location      | Hinjewadi
            navi mumbai                         |            | location      | Navi Mumbai
            something in Gurugram               |            | location      | Gurgaon
            near Gachibowli                     |            | location      | Gachibowli
            in Rajarhat please                  | location   | location      | Rajarhat
            Tollygunge mein chahiye             | location   | location      | Tollygunge
            in whitefield                       | location   | location      | Whitefield
            Bellandur side                      | budget     | location      | Bellandur
            Kanakapura                          | location   | location      | Kanakapura
            # "X ke paas" is Hindi's "near X"
            Whitefield ke paas                  |            | location      | Whitefield
            Chandkheda ke paas                  | location   | location      | Chandkheda
            Lohegaon ke paas kahin              | location   | location      | Lohegaon
            # a locality named with a landmark is the locality; a landmark the place list knows is a place
            Whitefield metro station ke paas    | location   | location      | Whitefield
            near Kharadi railway station        | location   | location      | Kharadi
            Airport Road                        | location   | location      | Airport Road
            Mall Road ke paas                   | location   | location      | Mall Road
            Dighi ke nazdeek                    | location   | location      | Dighi
            # held out: a phrasing the rule was not written on
            haan Chikhali ke pass hi chahiye    | location   | location      | Chikhali
            # timeline
            next 3 months                       |            | timeline      | within_3_months
            within 6 months                     |            | timeline      | within_6_months
            immediately                         | timeline   | timeline      | immediate
            right away                          | timeline   | timeline      | immediate
            this year                           |            | timeline      | within_year
            next year                           |            | timeline      | later
            abhi                                | timeline   | timeline      | immediate
            jaldi                               | timeline   | timeline      | immediate
            right now                           | timeline   | timeline      | immediate
            # unasked, "now" is a timeline with a word about buying (and nearer it than a word about talking)
            abhi lena hai                       |            | timeline      | immediate
            I want to buy immediately           |            | timeline      | immediate
            jaldi chahiye                       |            | timeline      | immediate
            हम जल्दी लेंगे                       |            | timeline      | immediate
            haan boliye, abhi lena hai          |            | timeline      | immediate
            within 3 months                     |            | timeline      | within_3_months
            yes go ahead, within 3 months       |            | timeline      | within_3_months
            this month                          |            | timeline      | immediate
            2-3 mahine mein                     |            | timeline      | within_3_months
            agle saal                           |            | timeline      | later
            just exploring                      |            | timeline      | just_exploring
            # "after N" is past N: after a year is "after a year or more", after 3 months falls in the next bucket
            ek saal baad                        |            | timeline      | later
            after a year                        |            | timeline      | later
            एक साल बाद                          |            | timeline      | later
            after one year                      | timeline   | timeline      | later
            a year later                        | timeline   | timeline      | later
            3 mahine baad                       |            | timeline      | within_6_months
            after 3 months                      |            | timeline      | within_6_months
            तीन महीने के बाद                     |            | timeline      | within_6_months
            after about 3 months                | timeline   | timeline      | within_6_months
            3 months later                      | timeline   | timeline      | within_6_months
            2-3 mahine baad                     | timeline   | timeline      | within_6_months
            6 mahine baad                       | timeline   | timeline      | within_year
            after 2 weeks                       | timeline   | timeline      | immediate
            in 3 months                         |            | timeline      | within_3_months
            ek saal mein                        |            | timeline      | within_year
            # purpose
            for my own use                      |            | purpose       | self_use
            rehne ke liye                       |            | purpose       | self_use
            investment ke liye                  |            | purpose       | investment
            for rental income                   |            | purpose       | investment
            both                                | purpose    | purpose       | both
            # financing
            home loan                           |            | financing     | home_loan
            loan lena hai                       |            | financing     | home_loan
            self funded                         |            | financing     | self_funded
            no loan, full cash                  |            | financing     | self_funded
            loan nahi chahiye                   |            | financing     | self_funded
            # a loan turned down is self-funding, however it is turned down
            bina loan ke                        |            | financing     | self_funded
            बिना लोन के                         |            | financing     | self_funded
            I don't need any loan               |            | financing     | self_funded
            I will not take a loan              |            | financing     | self_funded
            no, not taking any loan             |            | financing     | self_funded
            finance nahi chahiye                |            | financing     | self_funded
            loan nahi lenge                     |            | financing     | self_funded
            loan lene ki zarurat nahi hai       | financing  | financing     | self_funded
            we won't be taking a home loan      |            | financing     | self_funded
            no need for a loan                  |            | financing     | self_funded
            without any loan                    |            | financing     | self_funded
            अपने पैसों से                       |            | financing     | self_funded
            apne paise se                       |            | financing     | self_funded
            own funds                           |            | financing     | self_funded
            home loan lenge                     |            | financing     | home_loan
            haan loan chahiye                   |            | financing     | home_loan
            loan approved hai                   |            | financing     | home_loan
            loan abhi approved nahi hua         | financing  | financing     | home_loan
            no, I will take a loan              | financing  | financing     | home_loan
            nahi, loan lenge                    | financing  | financing     | home_loan
            cash nahi hai, loan lenge           | financing  | financing     | home_loan
            # part loan, part own money: a loan is being taken, which is what the sales team acts on
            loan aur baaki cash                 | financing  | financing     | home_loan
            half loan half own funds            | financing  | financing     | home_loan
            kuch loan lenge, baaki apne paise   | financing  | financing     | home_loan
            loan aur cash dono                  | financing  | financing     | home_loan
            # ... but a change of mind is how they will pay
            loan approved hai, but full cash dunga |         | financing     | self_funded
            # held out
            70 percent loan, 30 percent cash    | financing  | financing     | home_loan
            partly a bank loan and the rest from savings | financing | financing | home_loan
            thoda loan thoda apna paisa         | financing  | financing     | home_loan
            """)
    void understands(String utterance, String askedField, String field, String expected) {
        assertThat(extractor.extract(utterance, askedField))
                .as("fields from \"%s\"", utterance)
                .containsEntry(field, field.equals("bedrooms") ? Integer.valueOf(expected) : expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" (asked {1}) has no {2}")
    @CsvSource(delimiter = '|', nullValues = "", textBlock = """
            I want a 2BHK                       |            | budget
            call me at 5 pm                     |            | budget
            in 3 months                         |            | location
            around 50 lakhs                     |            | location
            hmm                                 | location   | location
            self funded                         |            | purpose
            abhi 2BHK dekh rahe hain Whitefield mein |       | timeline
            # "is this a good time to talk?" answered: talking now, not buying now
            haan abhi boliye                    |            | timeline
            haan jaldi boliye                   |            | timeline
            हाँ, जल्दी बताइए                     |            | timeline
            yes, I can talk right now           |            | timeline
            yes go ahead right now              |            | timeline
            haan abhi                           |            | timeline
            abhi                                |            | timeline
            haan abhi boliye                    | budget     | timeline
            haan abhi boliye, flat chahiye      |            | timeline
            two                                 |            | bedrooms
            I'll visit the site                 |            | property_type
            # under ₹10 lakh is no home budget: a mishearing or an EMI
            within three lakh                   | timeline   | budget
            three b.h.k                         |            | budget
            up to 3 lakhs                       |            | budget
            5 lakh                              | budget     | budget
            fifty thousand                      | budget     | budget
            # a free-form place only answers the location question, and never an everyday word
            in Rajarhat please                  |            | location
            in Rajarhat please                  | budget     | location
            yeah flat in right                  |            | location
            yeah flat in right                  | location   | location
            right                               | location   | location
            fine                                | location   | location
            in general                          | location   | location
            it is there                         | location   | location
            that time                           | location   | location
            near the light                      | location   | location
            ghar ke paas                        | location   | location
            mere office ke paas                 | location   | location
            what sorry can you repeat           | location   | location
            # a landmark alone names no area: the location question is asked again
            metro station ke paas               | location   | location
            near airport                        | location   | location
            near the airport                    | location   | location
            hospital ke paas                    | location   | location
            school ke paas                      | location   | location
            mall ke paas                        | location   | location
            near the highway                    | location   | location
            railway station                     | location   | location
            # held out: landmark phrasings the rule was not written on
            bus stand ke paas                   | location   | location
            Apollo hospital ke nazdeek          | location   | location
            अस्पताल के पास                        | location   | location
            """)
    void doesNotInvent(String utterance, String askedField, String field) {
        assertThat(extractor.extract(utterance, askedField)).doesNotContainKey(field);
    }
}
