package io.pushback.container.filterjar;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built filter jar is the auth package and nothing else: only {@code io/pushback/auth} classes,
 * depending on the JDK, the servlet API, SLF4J, Bouncy Castle and each other, and every Pushback
 * class they use is in the jar itself.
 */
final class FilterJarContentsIT {
  private static Path jar;
  private static JavaClasses imported;

  @BeforeAll
  static void importTheJar() throws IOException {
    jar = BuildOutputs.file("pushback.filter.jar");
    try (JarFile file = new JarFile(jar.toFile())) {
      imported = new ClassFileImporter().importJar(file);
    }
  }

  @Test
  void holdsOnlyAuthClassesAndTheManifest() throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      List<String> others =
          file.stream()
              .filter(e -> !e.isDirectory())
              .map(e -> e.getName())
              .filter(n -> !n.startsWith("io/pushback/auth/") || !n.endsWith(".class"))
              .toList();

      assertThat(others).containsExactly("META-INF/MANIFEST.MF");
      assertThat(file.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
          .isEqualTo("io.pushback.auth");
    }
    assertThat(imported.contain("io.pushback.auth.PushbackAuthFilter")).isTrue();
  }

  @Test
  void dependsOnlyOnTheJdkServletApiSlf4jAndBouncyCastle() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "javax.crypto..",
            "jakarta.servlet..",
            "org.slf4j..",
            "org.bouncycastle..",
            "io.pushback.auth..")
        .check(imported);
  }

  @Test
  void everyPushbackClassItUsesIsInTheJar() {
    Set<String> inJar = imported.stream().map(JavaClass::getName).collect(Collectors.toSet());
    Set<String> missing = new TreeSet<>();
    for (JavaClass type : imported) {
      for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
        String target = dependency.getTargetClass().getBaseComponentType().getName();
        if (target.startsWith("io.pushback.") && !inJar.contains(target)) {
          missing.add(target);
        }
      }
    }

    assertThat(missing).isEmpty();
  }
}
