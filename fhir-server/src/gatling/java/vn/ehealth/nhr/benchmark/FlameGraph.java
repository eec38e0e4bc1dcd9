package vn.ehealth.nhr.benchmark;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A flame graph of a server's CPU samples, for docs/BENCHMARKS.md: reads a JFR recording (the
 * {@code jdk.ExecutionSample} events of the threads whose name starts with the given prefix, by default
 * Tomcat's request threads), merges the stacks root first and writes an SVG where each frame is as wide
 * as its share of the samples (hover for the method and share). Frames narrower than 0.1 % are left
 * out. Coloured by who owns the code: ours, HAPI, the FHIR validator, Hibernate/JDBC/PostgreSQL, the JDK.
 * Arguments: the SVG to write, the JFR file, optionally the thread-name prefix and a title.
 * Written by {@code population-benchmark.sh} with {@code PROFILE_READS=1}.
 */
public final class FlameGraph {

    private static final int WIDTH = 1400;
    private static final int ROW = 16;
    private static final double MIN_SHARE = 0.001;

    /** A frame of the merged tree: its samples and its callees in first-seen order. */
    static final class Node {
        final String name;
        long samples;
        final Map<String, Node> children = new LinkedHashMap<>();

        Node(String name) {
            this.name = name;
        }

        Node child(String frame) {
            return children.computeIfAbsent(frame, Node::new);
        }
    }

    private FlameGraph() {
    }

    public static void main(String[] args) throws IOException {
        Path svg = Path.of(args[0]);
        String prefix = args.length > 2 ? args[2] : "http-nio";
        String title = args.length > 3 ? args[3] : "CPU samples of the request threads";
        Node root = read(Path.of(args[1]), prefix);
        Files.writeString(svg, svg(root, title), StandardCharsets.UTF_8);
        System.out.println("flame graph of " + root.samples + " samples written to " + svg);
    }

    static Node read(Path jfr, String threadPrefix) throws IOException {
        Node root = new Node("all");
        try (RecordingFile file = new RecordingFile(jfr)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (!"jdk.ExecutionSample".equals(e.getEventType().getName())) {
                    continue;
                }
                RecordedThread thread = e.getThread("sampledThread");
                RecordedStackTrace stack = e.getStackTrace();
                if (stack == null || thread == null || thread.getJavaName() == null || !thread.getJavaName().startsWith(threadPrefix)) {
                    continue;
                }
                List<RecordedFrame> frames = stack.getFrames();
                Node at = root;
                root.samples++;
                for (int i = frames.size() - 1; i >= 0; i--) {
                    RecordedFrame f = frames.get(i);
                    if (!f.isJavaFrame()) {
                        continue;
                    }
                    at = at.child(f.getMethod().getType().getName() + "." + f.getMethod().getName());
                    at.samples++;
                }
            }
        }
        return root;
    }

    static String svg(Node root, String title) {
        int depth = depth(root, root.samples);
        int height = 60 + depth * ROW + 10;
        List<String> rects = new ArrayList<>();
        draw(root, 0, 0, WIDTH - 20.0, root.samples, rects, height - 10);
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">%n", WIDTH, height));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", WIDTH, height));
        s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"20\" font-size=\"14\">%s (%,d samples; width = share of "
                + "samples, callers below their callees; hover for names)</text>%n", escape(title), root.samples));
        s.append("<text x=\"10\" y=\"38\" font-size=\"11\">colour: <tspan fill=\"#2ca02c\">■ ours (vn.ehealth)</tspan> "
                + "<tspan fill=\"#1f77b4\">■ HAPI (ca.uhn)</tspan> <tspan fill=\"#9467bd\">■ FHIR validator/model (org.hl7)</tspan> "
                + "<tspan fill=\"#d62728\">■ Hibernate, JDBC, PostgreSQL</tspan> <tspan fill=\"#ff7f0e\">■ Spring, Tomcat, Jackson</tspan> "
                + "<tspan fill=\"#7f7f7f\">■ JDK, other</tspan></text>\n");
        rects.forEach(r -> s.append(r).append('\n'));
        return s.append("</svg>\n").toString();
    }

    /** How many levels have a frame wide enough to draw. */
    private static int depth(Node node, long total) {
        int deepest = 0;
        for (Node child : node.children.values()) {
            if ((double) child.samples / total >= MIN_SHARE) {
                deepest = Math.max(deepest, 1 + depth(child, total));
            }
        }
        return deepest;
    }

    /** Lays out a node (level 0: the root, not drawn) and its children, level 1 at the bottom. */
    private static void draw(Node node, int level, double x, double width, long total, List<String> out, int bottom) {
        if (level > 0) {
            int y = bottom - level * ROW;
            double share = (double) node.samples / total;
            out.add(String.format(Locale.ROOT, "<g><title>%s: %,d samples, %.1f %%</title><rect x=\"%.1f\" y=\"%d\" "
                            + "width=\"%.1f\" height=\"%d\" fill=\"%s\" stroke=\"#ffffff\" stroke-width=\"0.5\"/>%s</g>",
                    escape(node.name), node.samples, share * 100, 10 + x, y, width, ROW - 1, colour(node.name),
                    width > 40 ? String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>", 12 + x, y + 11,
                            escape(label(node.name, width))) : ""));
        }
        double at = x;
        List<Node> children = new ArrayList<>(node.children.values());
        children.sort(Comparator.comparing(n -> n.name));
        for (Node child : children) {
            double w = width * child.samples / node.samples;
            if ((double) child.samples / total >= MIN_SHARE) {
                draw(child, level + 1, at, w, total, out, bottom);
            }
            at += w;
        }
    }

    private static String label(String name, double width) {
        int lastDot = name.lastIndexOf('.', name.lastIndexOf('.') - 1);
        String shortName = lastDot > 0 ? name.substring(lastDot + 1) : name;
        int chars = (int) (width / 6.5);
        return shortName.length() <= chars ? shortName : shortName.substring(0, Math.max(0, chars - 1)) + "…";
    }

    private static String colour(String frame) {
        if (frame.startsWith("vn.ehealth.")) {
            return "#98df8a";
        } else if (frame.startsWith("ca.uhn.")) {
            return "#aec7e8";
        } else if (frame.startsWith("org.hl7.")) {
            return "#c5b0d5";
        } else if (frame.startsWith("org.hibernate.") || frame.startsWith("org.postgresql.") || frame.startsWith("com.zaxxer.")) {
            return "#ff9896";
        } else if (frame.startsWith("org.springframework.") || frame.startsWith("org.apache.") || frame.startsWith("com.fasterxml.")) {
            return "#ffbb78";
        }
        return "#d9d9d9";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
