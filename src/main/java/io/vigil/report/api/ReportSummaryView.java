package io.vigil.report.api;

import io.vigil.common.security.UserRef;
import io.vigil.oncall.Region;
import io.vigil.report.Kpis;
import io.vigil.report.ReportService;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code GET /reports/summary}: the KPIs of spec §2 over a range. */
public record ReportSummaryView(Instant from, Instant to, Region region, String category, int incidents,
                                Map<String, Integer> bySeverity, Map<String, Integer> byCategory,
                                Map<String, Integer> byRegion, Map<String, Integer> byStatus, Kpis.Measure mtta,
                                Kpis.Measure mttm, Kpis.Measure mttr, int ackSlaBreaches, int escalations,
                                List<ResponderLoad> pagesPerResponder, Kpis.PostmortemHealth postmortems,
                                Kpis.ActionItemHealth actionItems) {

    public record ResponderLoad(UserRef user, int pages) {
    }

    public static ReportSummaryView of(ReportService.Report report, Map<UUID, UserRef> people) {
        Kpis.Summary s = report.summary();
        List<ResponderLoad> load = s.pagesPerResponder().entrySet().stream()
                .map(e -> new ResponderLoad(people.getOrDefault(e.getKey(), new UserRef(e.getKey(), null, null)),
                        e.getValue()))
                .sorted(Comparator.comparingInt(ResponderLoad::pages).reversed()
                        .thenComparing(l -> String.valueOf(l.user().handle())))
                .toList();
        return new ReportSummaryView(report.range().from(), report.range().to(), report.range().region(),
                report.range().category(), s.incidents(), s.bySeverity(), s.byCategory(), s.byRegion(),
                s.byStatus(), s.mtta(), s.mttm(), s.mttr(), s.ackSlaBreaches(), s.escalations(), load,
                s.postmortems(), s.actionItems());
    }
}
