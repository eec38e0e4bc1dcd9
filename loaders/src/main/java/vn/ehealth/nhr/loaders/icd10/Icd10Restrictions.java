package vn.ehealth.nhr.loaders.icd10;

import vn.ehealth.nhr.loaders.table.RowProblem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The restrictions that hold for each code once the appendices are applied down the hierarchy: an
 * entry for a category (A34) binds all its subcategories, an entry for A00.0 binds A00.00. When
 * several appendices list the same code all of them hold, so age ranges are intersected; a code
 * bound to both sexes or to an empty age range is a problem of the file.
 */
final class Icd10Restrictions {

    /** The effective restriction of one code; nulls mean "no restriction". */
    record Restriction(String sex, Integer minDays, Integer maxDays, boolean notPrincipal) {
        static final Restriction NONE = new Restriction(null, null, null, false);
    }

    private final Map<String, Icd10Node> nodes;
    private final List<RowProblem> problems;
    private final Map<String, List<Icd10Appendices.Entry>> byCode = new HashMap<>();
    private final Map<String, Restriction> effective = new HashMap<>();

    Icd10Restrictions(Map<String, Icd10Node> nodes, List<Icd10Appendices.Entry> entries, List<RowProblem> problems,
                      List<String> notes) {
        this.nodes = nodes;
        this.problems = problems;
        // The appendices were drawn up against a fuller list (they name F00.00, B96.80…): codes the
        // ICD10 sheet lacks cannot be used anyway, so they are summarised, not treated as errors.
        Map<String, List<String>> unknown = new LinkedHashMap<>();
        Set<String> parents = new HashSet<>();
        nodes.values().forEach(n -> parents.add(n.parent));
        Map<String, Integer> liftedToLeaf = new LinkedHashMap<>();
        for (Icd10Appendices.Entry listed : entries) {
            Icd10Appendices.Entry e = listed;
            Icd10Node node = nodes.get(e.code());
            String leaf = node == null ? leafAncestor(e.code(), parents) : null;
            if (leaf != null) {
                // The Vietnamese list has no subdivisions where WHO has some (O80 vs O80.0–O80.9):
                // an appendix naming them speaks about the undivided code.
                liftedToLeaf.merge(leaf, 1, Integer::sum);
                e = new Icd10Appendices.Entry(leaf, e.rule(), e.row());
                node = nodes.get(leaf);
            }
            if (node == null || !node.isCode()) {
                unknown.computeIfAbsent(e.rule().appendix(), a -> new ArrayList<>()).add(e.code() + " (line " + e.row().line() + ")");
            } else {
                byCode.computeIfAbsent(e.code(), c -> new ArrayList<>()).add(e);
            }
        }
        if (!liftedToLeaf.isEmpty()) {
            notes.add(liftedToLeaf.size() + " undivided code(s) took the restrictions the appendices give their WHO "
                    + "subdivisions, absent from sheet " + Icd10MainSheet.SHEET + ": "
                    + String.join(", ", liftedToLeaf.keySet().stream().limit(10).toList()) + (liftedToLeaf.size() > 10 ? ", …" : ""));
        }
        unknown.forEach((appendix, codes) -> notes.add("appendix " + appendix + ": " + codes.size()
                + " listed code(s) are not in sheet " + Icd10MainSheet.SHEET + " and were ignored: "
                + String.join(", ", codes.subList(0, Math.min(5, codes.size()))) + (codes.size() > 5 ? ", …" : "")));
    }

    /** The existing code without children that {@code code} subdivides (O80 for O80.0), if any. */
    private String leafAncestor(String code, Set<String> parents) {
        for (int length = code.length() - 1; length >= 3; length--) {
            String prefix = code.substring(0, length);
            Icd10Node node = nodes.get(prefix.endsWith(".") ? prefix.substring(0, 3) : prefix);
            if (node != null) {
                return node.isCode() && !parents.contains(node.code) ? node.code : null;
            }
        }
        return null;
    }

    /** What holds for {@code code}, own entries and inherited ones together. */
    Restriction of(String code) {
        Restriction known = effective.get(code);
        if (known != null) {
            return known;
        }
        Icd10Node node = nodes.get(code);
        Restriction inherited = node.parent != null && nodes.get(node.parent).isCode() ? of(node.parent) : Restriction.NONE;
        Restriction result = inherited;
        for (Icd10Appendices.Entry e : byCode.getOrDefault(code, List.of())) {
            result = merge(result, e);
        }
        effective.put(code, result);
        return result;
    }

    private Restriction merge(Restriction r, Icd10Appendices.Entry e) {
        Icd10Appendices.Rule rule = e.rule();
        String sex = r.sex();
        if (rule.sex() != null) {
            if (sex != null && !sex.equals(rule.sex())) {
                problems.add(e.row().problem("appendix " + rule.appendix() + ": code " + e.code() + " is " + rule.sex()
                        + "-only but also " + sex + "-only (directly or through its category)"));
            }
            sex = rule.sex();
        }
        Integer min = max(r.minDays(), rule.minDays());
        Integer max = min(r.maxDays(), rule.maxDays());
        if (min != null && max != null && min > max) {
            problems.add(e.row().problem("appendix " + rule.appendix() + ": code " + e.code()
                    + " gets an empty age range (" + min + "–" + max + " days) with the other appendices"));
        }
        return new Restriction(sex, min, max, r.notPrincipal() || rule.notPrincipal());
    }

    private static Integer max(Integer a, Integer b) {
        return a == null ? b : b == null ? a : Integer.valueOf(Math.max(a, b));
    }

    private static Integer min(Integer a, Integer b) {
        return a == null ? b : b == null ? a : Integer.valueOf(Math.min(a, b));
    }
}
