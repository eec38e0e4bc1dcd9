package vn.ehealth.nhr.server.ig;

import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Implementation guides installed into this server since start-up (canonical URL with version). */
@Component
public class InstalledGuides {

    private final List<String> canonicals = new CopyOnWriteArrayList<>();

    void add(String canonical) {
        canonicals.add(canonical);
    }

    public List<String> canonicals() {
        return List.copyOf(canonicals);
    }
}
