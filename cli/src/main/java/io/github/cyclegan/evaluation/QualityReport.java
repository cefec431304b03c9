package io.github.cyclegan.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Objects;

/**
 * The quality of a CycleGAN on two test sets, per direction. Its JSON form (docs/evaluation.md) is
 *
 * <pre>{@code
 * {"psnrCapDb":100.0,
 *  "aToB":{"direction":"A->B","images":100,"cyclePsnr":27.1,"cycleSsim":0.93,
 *          "classifier":{"targetClass":9,"hits":97,"score":0.97},
 *          "paired":{"pairs":100,"psnr":18.2,"ssim":0.61}},
 *  "bToA":{...}}
 * }</pre>
 *
 * with {@code classifier} and {@code paired} left out when absent.
 */
public record QualityReport(double psnrCapDb, DirectionReport aToB, DirectionReport bToA) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .build();

    public QualityReport {
        Objects.requireNonNull(aToB, "aToB");
        Objects.requireNonNull(bToA, "bToA");
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a quality report always serialises", e);
        }
    }

    public static QualityReport fromJson(String json) throws JsonProcessingException {
        return JSON.readValue(json, QualityReport.class);
    }

    /** A plain-text table, one row per direction; "-" where a score is absent. */
    public String toTable() {
        String format = "%-9s %7s %11s %11s  %-24s %6s %12s %12s%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, format, "direction", "images", "cycle PSNR", "cycle SSIM",
                "classifier score", "pairs", "paired PSNR", "paired SSIM"));
        for (DirectionReport d : new DirectionReport[] {aToB, bToA}) {
            String classifier = d.classifier() == null ? "-" : String.format(Locale.ROOT, "%.3f (%d/%d, class %d)",
                    d.classifier().score(), d.classifier().hits(), d.images(), d.classifier().targetClass());
            DirectionReport.PairedScores p = d.paired();
            out.append(String.format(Locale.ROOT, format, d.direction(), d.images(),
                    String.format(Locale.ROOT, "%.2f dB", d.cyclePsnr()),
                    String.format(Locale.ROOT, "%.4f", d.cycleSsim()), classifier,
                    p == null ? "-" : Integer.toString(p.pairs()),
                    p == null ? "-" : String.format(Locale.ROOT, "%.2f dB", p.psnr()),
                    p == null ? "-" : String.format(Locale.ROOT, "%.4f", p.ssim())));
        }
        out.append(String.format(Locale.ROOT, "PSNR means cap each image at %.0f dB (identical images).%n",
                psnrCapDb));
        return out.toString();
    }
}
