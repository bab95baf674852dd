package io.vigil.bench;

/** The values both sides write, so that API rows and ceiling rows are the same size. */
final class BenchData {

    static final String CATEGORY = "MISINFORMATION"; // not restricted by default: a RESPONDER may declare it
    /** SEV4 does not page: the ceiling writes the same rows as the API. Paging has its own benchmark. */
    static final String SEVERITY = "SEV4";
    static final String REGION = "EMEA";
    static final String SUMMARY = "Coordinated false claims about polling-station closures are spreading fast"
            + " across three languages; trust and safety is assessing reach and takedown options.";

    private BenchData() {
    }

    static String title(int i) {
        return "Benchmark incident " + i + ": fast-spreading election misinformation";
    }

    static String noteText(int i) {
        return "Benchmark note " + i + ": removed another batch of reposts, reach is flattening; next check in 15 min.";
    }

    /** {@code POST /api/v1/incidents} body. */
    static String declareBody(int i) {
        return "{\"title\":\"" + title(i) + "\",\"summary\":\"" + SUMMARY + "\",\"category\":\"" + CATEGORY
                + "\",\"severity\":\"" + SEVERITY + "\",\"region\":\"" + REGION + "\"}";
    }

    /** {@code POST /api/v1/incidents/{id}/timeline} body. */
    static String noteBody(int i) {
        return "{\"text\":\"" + noteText(i) + "\"}";
    }
}
