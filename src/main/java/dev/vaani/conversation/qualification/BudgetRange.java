package dev.vaani.conversation.qualification;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A buyer's budget in rupees. An open upper end ("at least 1 crore") is {@link #UNBOUNDED}: inventing a ceiling would
 * hide budget-rich leads from matching; a floor of 0 means "up to".
 */
public record BudgetRange(long minRupees, long maxRupees) {

    public static final long UNBOUNDED = Long.MAX_VALUE;
    public static final long LAKH = 100_000L;
    public static final long CRORE = 10_000_000L;
    /** No home in India sells for less; a smaller figure is a mishearing ("three lakh" for "three months") or an EMI. */
    public static final long MIN_PLAUSIBLE_PURCHASE = 10 * LAKH;

    public BudgetRange {
        if (minRupees < 0 || maxRupees < minRupees) {
            throw new IllegalArgumentException("invalid budget range " + minRupees + ".." + maxRupees);
        }
    }

    public static BudgetRange exactly(long rupees) {
        return new BudgetRange(rupees, rupees);
    }

    /** "around X" is X ± 10%: near enough for a buyer's round figure, tight enough to filter inventory. */
    public static BudgetRange around(long rupees) {
        return new BudgetRange(Math.round(rupees * 0.9), Math.round(rupees * 1.1));
    }

    public static BudgetRange upTo(long rupees) {
        return new BudgetRange(0, rupees);
    }

    public static BudgetRange atLeast(long rupees) {
        return new BudgetRange(rupees, UNBOUNDED);
    }

    /** Whether a buyer could mean this for a purchase: its highest figure reaches {@link #MIN_PLAUSIBLE_PURCHASE}. */
    public boolean isPlausibleForPurchase() {
        return (isOpenEnded() ? minRupees : maxRupees) >= MIN_PLAUSIBLE_PURCHASE;
    }

    public boolean isOpenEnded() {
        return maxRupees == UNBOUNDED;
    }

    /** For screens and the database: "₹50L", "₹80L–₹1Cr", "up to ₹75L", "₹1Cr+". */
    public String display() {
        if (isOpenEnded()) {
            return compact(minRupees) + "+";
        }
        if (minRupees == 0) {
            return "up to " + compact(maxRupees);
        }
        if (minRupees == maxRupees) {
            return compact(minRupees);
        }
        return compact(minRupees) + "–" + compact(maxRupees);
    }

    /**
     * For people reading it: "₹45–55 lakh", "up to ₹80 lakh", "₹80 lakh – ₹1.2 crore", "₹1 crore or more" (lakh and
     * crore, as Indian buyers and brokers count).
     */
    public String inWords() {
        if (isOpenEnded()) {
            return inWords(minRupees) + " or more";
        }
        if (minRupees == 0) {
            return "up to " + inWords(maxRupees);
        }
        if (minRupees == maxRupees) {
            return inWords(minRupees);
        }
        long unit = wordUnit(minRupees);
        if (unit > 1 && unit == wordUnit(maxRupees)) {
            return "₹" + decimal(minRupees, unit) + "–" + inWords(maxRupees).substring(1);
        }
        return inWords(minRupees) + " – " + inWords(maxRupees);
    }

    /** One amount as {@link #inWords()} writes it: "₹80 lakh", "₹1.2 crore", "₹50,000". */
    public static String inWords(long rupees) {
        long unit = wordUnit(rupees);
        if (unit == CRORE) {
            return "₹" + decimal(rupees, unit) + " crore";
        }
        if (unit == LAKH) {
            return "₹" + decimal(rupees, unit) + " lakh";
        }
        // under a lakh the Indian and Western groupings agree: 50,000
        return "₹" + String.format(java.util.Locale.ENGLISH, "%,d", rupees);
    }

    private static long wordUnit(long rupees) {
        return rupees >= CRORE ? CRORE : rupees >= LAKH ? LAKH : 1;
    }

    /** For the voice, in English: "around 50 lakhs", "80 lakhs to 1 crore", "up to 75 lakhs", "1 crore or more". */
    public String spoken() {
        return SpokenAmount.of(this, SpokenAmount.Style.ENGLISH);
    }

    private static String compact(long rupees) {
        if (rupees >= CRORE) {
            return "₹" + decimal(rupees, CRORE) + "Cr";
        }
        if (rupees >= LAKH) {
            return "₹" + decimal(rupees, LAKH) + "L";
        }
        if (rupees >= 1000) {
            return "₹" + decimal(rupees, 1000) + "K";
        }
        return "₹" + rupees;
    }

    private static String decimal(long rupees, long unit) {
        return BigDecimal.valueOf(rupees).divide(BigDecimal.valueOf(unit), 2, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }
}
