package dev.nudge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Core stays a pure domain: no database, mail or framework types, ports in domain types only. */
class ArchitectureTest {
  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.nudge");

  @Test
  void coreNeverTouchesJdbcMailOrFrameworks() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.sql..", "javax.sql..", "jakarta..", "javax.mail..", "org.springframework..")
        .check(CORE);
  }

  @Test
  void apiSpiAndStoresDoNotDependOnEngineInternals() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.nudge", "dev.nudge.spi..", "dev.nudge.memory..", "dev.nudge.tracking..")
        .and()
        .doNotHaveFullyQualifiedName("dev.nudge.Nudge$Builder")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.nudge.internal..")
        .check(CORE);
  }

  @Test
  void spiIsInterfacesAndValues() {
    classes()
        .that()
        .resideInAPackage("dev.nudge.spi..")
        .and()
        .areTopLevelClasses()
        .should()
        .beInterfaces()
        .orShould()
        .beRecords()
        .orShould()
        .beEnums()
        .orShould()
        .beAssignableTo(RuntimeException.class)
        .orShould()
        .haveModifier(JavaModifier.FINAL)
        .check(CORE);
  }

  @Test
  void onlyTheTrackingAdapterUsesTheJdkHttpServer() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName("dev.nudge.tracking.JdkHttpTracking")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.sun.net.httpserver..")
        .check(CORE);
  }

  @Test
  void trackingEndpointsUseTheFacadeOnly() {
    noClasses()
        .that()
        .resideInAPackage("dev.nudge.tracking..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.nudge.spi..", "dev.nudge.memory..", "dev.nudge.internal..")
        .check(CORE);
  }

  @Test
  void spiDoesNotDependOnAStoreImplementation() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.nudge", "dev.nudge.spi..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.nudge.memory..")
        .check(CORE);
  }

  @Test
  void onlyTheEngineHoldsAClock() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.nudge.internal..")
        .and()
        .doNotHaveSimpleName("SettableClock")
        .and()
        .doNotHaveSimpleName("Nudge")
        .and()
        .doNotHaveFullyQualifiedName("dev.nudge.Nudge$Builder")
        .should()
        .dependOnClassesThat()
        .areAssignableTo(java.time.Clock.class)
        .check(CORE);
  }
}
