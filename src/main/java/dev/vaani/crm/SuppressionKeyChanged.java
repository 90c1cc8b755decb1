package dev.vaani.crm;

import dev.vaani.platform.InvalidConfigurationException;

/**
 * This instance's SUPPRESSION_KEY is not the one the suppressed numbers were hashed with: it would recognise none of
 * them, and a person who asked to be erased could be imported and called again. The server does not start, and says
 * which key to set.
 */
public class SuppressionKeyChanged extends InvalidConfigurationException {

    SuppressionKeyChanged(long suppressedNumbers) {
        super("SUPPRESSION_KEY", "is not the key the " + suppressedNumbers + " suppressed number(s) in this database "
                + "were stored with: none of them would be recognised, and a person who asked to be erased could be "
                + "called again. Every instance sharing the database needs the first one's key (its "
                + "VAANI_DATA_DIR/suppression-key, unless SUPPRESSION_KEY is set there)");
    }
}
