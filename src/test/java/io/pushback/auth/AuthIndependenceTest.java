package io.pushback.auth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The auth package is reusable alone (design §8, style "Layout"): its classes depend on the JDK,
 * the servlet API, SLF4J, Bouncy Castle and each other, and on nothing else, in particular nothing
 * else of Pushback's.
 */
@AnalyzeClasses(
    packages = "io.pushback.auth",
    importOptions = AuthIndependenceTest.MainClassesOnly.class)
final class AuthIndependenceTest {

  @ArchTest
  static final ArchRule AUTH_DEPENDS_ONLY_ON_JDK_SERVLET_SLF4J_AND_BOUNCY_CASTLE =
      classes()
          .that()
          .resideInAPackage("io.pushback.auth..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..",
              "javax.crypto..",
              "jakarta.servlet..",
              "org.slf4j..",
              "org.bouncycastle..",
              "io.pushback.auth..");

  /**
   * Only the classes compiled from src/main: the ones found where {@link PushbackAuthFilter} was
   * loaded from. This does not rely on the build directory's name, which builds may override.
   */
  static final class MainClassesOnly implements ImportOption {
    private final String mainRoot =
        PushbackAuthFilter.class.getProtectionDomain().getCodeSource().getLocation().toString();

    @Override
    public boolean includes(Location location) {
      String uri = location.asURI().toString();
      return uri.startsWith(mainRoot) || uri.startsWith("jar:" + mainRoot + "!/");
    }
  }
}
