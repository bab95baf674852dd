package io.vigil.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The habits of docs/architecture.md, checked rather than hoped for. */
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMain() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.vigil");
    }

    @Test
    void decisionClassesArePlainJava() {
        ArchRule rule = noClasses().that().haveSimpleNameEndingWith("Lifecycle")
                .or().haveSimpleNameEndingWith("Access")
                .or().haveSimpleName("Cursor").or().haveSimpleName("PageRequest")
                .or().haveSimpleName("FollowTheSun").or().haveSimpleNameEndingWith("Schedule")
                .or().haveSimpleName("CoverageWindow").or().haveSimpleName("Interval")
                .or().haveSimpleName("OnCallBoard").or().haveSimpleName("IcsCalendar")
                .or().haveSimpleName("Escalation").or().haveSimpleName("TargetResolver")
                .or().haveSimpleName("PolicySelector").or().haveSimpleName("EscalationRules")
                .or().haveSimpleName("EscalationTarget").or().haveSimpleName("RetryPolicy")
                .or().haveSimpleName("WebhookSignature").or().haveSimpleName("SlackSignature")
                .or().haveSimpleName("ChannelName").or().haveSimpleName("SlackCommand")
                .or().haveSimpleName("SlackMessages").or().haveSimpleName("SlackErrors")
                .or().haveSimpleName("PostmortemRules").or().haveSimpleName("Kpis")
                .or().haveSimpleName("PostmortemReport")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.smallrye..", "io.vertx..",
                        "jakarta.ws.rs..", "org.hibernate..", "jakarta.persistence..", "com.slack..");
        rule.check(main);
    }

    @Test
    void nothingReadsTheWallClockExceptTheClockProducer() {
        ArchRule rule = noClasses().that().doNotHaveSimpleName("ClockProducer")
                .should().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(LocalDate.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .orShould().callMethod(OffsetDateTime.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .because("services read time from the injected java.time.Clock so tests can control it");
        rule.check(main);
    }

    @Test
    void resourcesOnlyMapAndDelegateToServices() {
        ArchRule rule = noClasses().that().resideInAPackage("..api..")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .because("services own transactions and data access; resources only map");
        rule.check(main);
    }

    @Test
    void entitiesNeverLeaveThroughTheApi() {
        ArchRule rule = noFields().that().areDeclaredInClassesThat().haveSimpleNameEndingWith("View")
                .or().areDeclaredInClassesThat().haveSimpleNameEndingWith("Request")
                .should().haveRawType(JavaClass.Predicates.assignableTo(PanacheEntityBase.class))
                .because("requests and views are records of plain values; entities stay behind the services");
        rule.check(main);
    }
}
