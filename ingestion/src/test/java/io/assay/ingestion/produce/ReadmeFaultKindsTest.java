package io.assay.ingestion.produce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's list of fault kinds is the code's: every kind, no other, and the right count in words. */
class ReadmeFaultKindsTest {
  private static final List<String> NUMBERS = List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
      "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
      "twenty", "twenty-one", "twenty-two", "twenty-three", "twenty-four", "twenty-five");

  @Test
  void readmeListsExactlyTheFaultKindsTheDemoInjects() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher paragraph = Pattern.compile("faults spread\\s+over ([a-z-]+) kinds(.*?)Which fields a fault can", Pattern.DOTALL).matcher(readme);
    assertTrue(paragraph.find(), "the README's sentence on fault kinds moved; update this test with it");
    Set<String> listed = new TreeSet<>();
    Matcher kind = Pattern.compile("`([a-z_]+)`").matcher(paragraph.group(2));
    while (kind.find()) {
      listed.add(kind.group(1));
    }
    Set<String> code = Arrays.stream(FaultKind.values()).map(FaultKind::key).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(code, listed);
    assertEquals(NUMBERS.get(code.size()), paragraph.group(1), "the count in words");
  }
}
