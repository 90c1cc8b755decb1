package dev.vaani.call;

import dev.vaani.simulator.AudioClip;
import dev.vaani.simulator.CallReport;
import dev.vaani.simulator.ReportPrinter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Caller clips and report printing shared by the live-call tests. */
final class CallTestSupport {

    private CallTestSupport() {
    }

    static AudioClip clip(String name) {
        try (InputStream in = CallTestSupport.class.getResourceAsStream("/simulator/clips/" + name)) {
            return AudioClip.fromWav(name, in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The report as the simulator prints it, for failure messages. */
    static String describe(CallReport report) {
        StringWriter out = new StringWriter();
        ReportPrinter.print(report, new PrintWriter(out, true));
        return out.toString();
    }
}
