package dev.vaani.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.vaani.platform.DatabaseUnavailable;
import dev.vaani.platform.InvalidConfigurationException;
import dev.vaani.platform.StoredSecret;
import dev.vaani.platform.admin.ConflictingFieldException;
import dev.vaani.platform.admin.FieldProblems;
import dev.vaani.platform.admin.InvalidFieldException;
import dev.vaani.platform.admin.StateConflictException;
import org.junit.jupiter.api.Test;

/**
 * Package dependencies point one way. From the bottom: {@code privacy}, {@code phone} and {@code logging} (leaf
 * utilities);
 * {@code audio}; {@code speech} (may use audio) and {@code conversation}, independent of each other; {@code call}
 * above them; {@code telephony}, {@code crm} and {@code campaign} above {@code call}; {@code integration} and
 * {@code console} above those; {@code platform} wires it all. The {@code simulator} is a client of the server: it
 * talks to it over the network, never through its classes.
 */
class ArchitectureTest {

    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.vaani");

    private static final String PRIVACY = "dev.vaani.privacy..";
    private static final String PHONE = "dev.vaani.phone..";
    private static final String LOGGING = "dev.vaani.logging..";
    private static final String AUDIO = "dev.vaani.audio..";
    private static final String SPEECH = "dev.vaani.speech..";
    private static final String CONVERSATION = "dev.vaani.conversation..";
    private static final String CALL = "dev.vaani.call..";
    private static final String TELEPHONY = "dev.vaani.telephony..";
    private static final String CRM = "dev.vaani.crm..";
    private static final String CAMPAIGN = "dev.vaani.campaign..";
    private static final String INTEGRATION = "dev.vaani.integration..";
    private static final String CONSOLE = "dev.vaani.console..";
    private static final String SIMULATOR = "dev.vaani.simulator..";
    private static final String PLATFORM = "dev.vaani.platform..";

    @Test
    void capabilityPackagesHaveNoCycles() {
        slices().matching("dev.vaani.(*)..").should().beFreeOfCycles().check(PRODUCT);
    }

    @Test
    void leafUtilitiesDependOnNoOtherPackage() {
        noClasses().that().resideInAnyPackage(PRIVACY, PHONE, LOGGING)
                .should().dependOnClassesThat(resideInAPackage("dev.vaani..")
                        .and(not(resideInAnyPackage(PRIVACY, PHONE, LOGGING))))
                .check(PRODUCT);
    }

    @Test
    void audioDependsOnlyOnLeafUtilities() {
        noClasses().that().resideInAPackage(AUDIO)
                .should().dependOnClassesThat(resideInAPackage("dev.vaani..")
                        .and(not(resideInAnyPackage(AUDIO, PRIVACY, PHONE, LOGGING))))
                .check(PRODUCT);
    }

    @Test
    void speechDependsOnlyOnAudioAndLeafUtilities() {
        noClasses().that().resideInAPackage(SPEECH)
                .should().dependOnClassesThat(resideInAPackage("dev.vaani..")
                        .and(not(resideInAnyPackage(SPEECH, AUDIO, PRIVACY, PHONE, LOGGING))))
                .check(PRODUCT);
    }

    @Test
    void conversationDependsOnlyOnLeafUtilities() {
        noClasses().that().resideInAPackage(CONVERSATION)
                .should().dependOnClassesThat(resideInAPackage("dev.vaani..")
                        .and(not(resideInAnyPackage(CONVERSATION, PRIVACY, PHONE, LOGGING))))
                .check(PRODUCT);
    }

    @Test
    void callKnowsNoCarrierNoCrmNoCampaignAndNoWiring() {
        noClasses().that().resideInAPackage(CALL)
                .should().dependOnClassesThat().resideInAnyPackage(TELEPHONY, CRM, CAMPAIGN, INTEGRATION, CONSOLE,
                        SIMULATOR, PLATFORM)
                .check(PRODUCT);
    }

    @Test
    void telephonyAndCrmAreBelowCampaignsAndTheirUsers() {
        noClasses().that().resideInAnyPackage(TELEPHONY, CRM)
                .should().dependOnClassesThat().resideInAnyPackage(CAMPAIGN, INTEGRATION, CONSOLE, SIMULATOR)
                .check(PRODUCT);
    }

    @Test
    void crmKnowsNoCarrier() {
        noClasses().that().resideInAPackage(CRM)
                .should().dependOnClassesThat().resideInAPackage(TELEPHONY)
                .check(PRODUCT);
    }

    @Test
    void campaignIsBelowIntegrationAndConsole() {
        noClasses().that().resideInAPackage(CAMPAIGN)
                .should().dependOnClassesThat().resideInAnyPackage(INTEGRATION, CONSOLE, SIMULATOR)
                .check(PRODUCT);
    }

    @Test
    void integrationIsBelowTheConsole() {
        noClasses().that().resideInAPackage(INTEGRATION)
                .should().dependOnClassesThat().resideInAnyPackage(CONSOLE, SIMULATOR)
                .check(PRODUCT);
    }

    @Test
    void theSimulatorIsAClientThatNoPartOfTheServerUses() {
        noClasses().that().resideInAPackage("dev.vaani.(*)..").and().resideOutsideOfPackage(SIMULATOR)
                .should().dependOnClassesThat().resideInAPackage(SIMULATOR)
                .check(PRODUCT);
        noClasses().that().resideInAPackage(SIMULATOR)
                .should().dependOnClassesThat(resideInAPackage("dev.vaani..")
                        // the simulated Sarvam speaks with the offline Hindi voice, as a provider would
                        .and(not(resideInAnyPackage(SIMULATOR, AUDIO, PRIVACY, PHONE, "dev.vaani.platform.secrets..",
                                "dev.vaani.speech.offline.."))))
                .check(PRODUCT);
    }

    /**
     * Only the wiring (platform itself, and the console's security set-up) uses platform classes. The exceptions are
     * small shared types that still live there: the local secrets the handshake and the simulator read, the
     * exceptions the admin API turns into problem responses (and the collector of field problems that makes one), and
     * the one reading of a failure as a database outage.
     */
    @Test
    void onlyWiringUsesPlatform() {
        noClasses().that().resideInAPackage("dev.vaani.(*)..")
                .and().resideOutsideOfPackages(PLATFORM, CONSOLE)
                .should().dependOnClassesThat(resideInAPackage(PLATFORM)
                        .and(not(resideInAPackage("dev.vaani.platform.secrets..")))
                        .and(not(belongToAnyOf(InvalidFieldException.class, FieldProblems.class,
                                ConflictingFieldException.class,
                                StateConflictException.class, InvalidConfigurationException.class, StoredSecret.class,
                                DatabaseUnavailable.class))))
                .check(PRODUCT);
    }
}
