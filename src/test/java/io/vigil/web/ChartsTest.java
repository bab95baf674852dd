package io.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChartsTest {

    @Test
    void stackedBarsDrawOneRectanglePerNonEmptyStackScaledToTheTallestBar() {
        String svg = Charts.stacked("Incidents", List.of(new Charts.Stack("Sep 1", List.of(1, 0, 3)),
                new Charts.Stack("Sep 8", List.of(0, 0, 0)), new Charts.Stack("Sep 15", List.of(2, 2, 0))),
                List.of("SEV1", "SEV2", "SEV3"), List.of("#a", "#b", "#c"));
        assertThat(svg).startsWith("<svg").endsWith("</svg>").contains("<title>Incidents</title>");
        // 1 + 3 in the first week, 2 + 2 in the third: four bars, the empty stacks none (legend squares aside)
        assertThat(svg.split("<rect ", -1).length - 1 - 3).isEqualTo(4);
        assertThat(svg).contains("<title>Sep 1 SEV3: 3</title>").contains("height=\"120.0\"").contains("height=\"40.0\"").contains(">4</text>");
    }

    @Test
    void linesLeaveGapsWhereThereIsNoData() {
        String svg = Charts.lines("Trend", List.of(List.of(new Charts.Point("a", 2.0), new Charts.Point("b", null),
                new Charts.Point("c", 4.0))), List.of("MTTA"), List.of("#00f"));
        assertThat(svg).contains("<circle").contains("M30.0 110.0").contains("M610.0 30.0").doesNotContain(" L");
    }

    @Test
    void labelsAreEscaped() {
        String svg = Charts.bars("Load", List.of(new Charts.Point("<script>", 3.0)), "#555");
        assertThat(svg).doesNotContain("<script>").contains("&lt;script&gt;");
    }
}
