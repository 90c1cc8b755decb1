package dev.vaani.conversation.qualification;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * How many bedrooms (BHK) a lead wants: a whole number or a half more, from 1 to 10. Indian listings are 1.5, 2.5 and
 * 3.5 BHK as often as 2 or 3 (the half is a study or a small extra room), and callers say so: "2.5 BHK", "two and a
 * half BHK", "ढाई बीएचके", "saade teen BHK". Stored in collected_data as a JSON number: 2 when whole, as before, 2.5
 * otherwise, so data stored before halves existed reads the same.
 */
public record Bedrooms(int halves) {

    public static final int MIN = 1;
    public static final int MAX = 10;

    public Bedrooms {
        if (halves < MIN * 2 || halves > MAX * 2) {
            throw new IllegalArgumentException("bedrooms must be from " + MIN + " to " + MAX + ": " + halves / 2.0);
        }
    }

    /** A count said or stored, when it is one: 1 to 10 in steps of a half ("2.4 BHK" is none). */
    public static Optional<Bedrooms> of(double count) {
        double halves = count * 2;
        return halves == Math.rint(halves) && halves >= MIN * 2 && halves <= MAX * 2
                ? Optional.of(new Bedrooms((int) halves)) : Optional.empty();
    }

    /** What collected_data holds (a number, or a numeric string an older engine or a model wrote), if it is a count. */
    public static Optional<Bedrooms> from(Object stored) {
        if (stored instanceof Number n) {
            return of(n.doubleValue());
        }
        if (stored instanceof String text) {
            try {
                return of(Double.parseDouble(text.strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    public double count() {
        return halves / 2.0;
    }

    public boolean whole() {
        return halves % 2 == 0;
    }

    /** The value collected_data stores: an Integer when whole (2, as always), else a Double (2.5). */
    public Number stored() {
        if (whole()) {
            return halves / 2; // not in a conditional expression, which would widen it to a double
        }
        return count();
    }

    /** As written for the sales team: "2", "2.5". */
    public String digits() {
        return whole() ? String.valueOf(halves / 2) : String.valueOf(count());
    }

    /** As an English voice should say it: "2" (voices read digits well), "two and a half". */
    public String englishWords() {
        return whole() ? digits() : NumberWords.english(halves / 2) + " and a half";
    }

    /** As a Hinglish line writes it, in the words callers use: "2", "dedh", "dhai", "saade teen". */
    public String hinglishWords() {
        if (whole()) {
            return digits();
        }
        int below = halves / 2;
        return switch (below) {
            case 1 -> "dedh";
            case 2 -> "dhai";
            default -> "saade " + NumberWords.hinglish(below);
        };
    }

    /** In Devanagari words: "दो", "डेढ़", "ढाई", "साढ़े तीन". */
    public String hindiWords() {
        return SpokenAmount.hindiWords(BigDecimal.valueOf(halves).divide(BigDecimal.TWO));
    }
}
