package vn.ehealth.nhr.server.operations.summary;

import ca.uhn.fhir.jpa.ips.api.IpsSectionContext;
import ca.uhn.fhir.jpa.ips.jpa.IJpaSectionSearchStrategy;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import jakarta.annotation.Nonnull;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * A section's search, run synchronously. HAPI's IPS generator reads a section in chunks of a paged
 * search; past the first prefetch (13 resources) each chunk waited for HAPI's background search task,
 * and the generator's last, empty chunk waited for the search to finish: some 3 s per summary of a
 * 200-resource record, almost none of it work (BENCHMARKS.md, "Health-record summary"). Loaded
 * synchronously, a section is one query, and the consent hook judges the resources already loaded.
 */
final class SynchronousSectionSearch<T extends IBaseResource> implements IJpaSectionSearchStrategy<T> {

    private final IJpaSectionSearchStrategy<T> delegate;

    private SynchronousSectionSearch(IJpaSectionSearchStrategy<T> delegate) {
        this.delegate = delegate;
    }

    static <T extends IBaseResource> IJpaSectionSearchStrategy<T> of(IJpaSectionSearchStrategy<T> delegate) {
        return new SynchronousSectionSearch<>(delegate);
    }

    @Override
    public void massageResourceSearch(@Nonnull IpsSectionContext<T> context, @Nonnull SearchParameterMap map) {
        delegate.massageResourceSearch(context, map);
        map.setLoadSynchronous(true);
    }

    @Override
    public boolean shouldInclude(@Nonnull IpsSectionContext<T> context, @Nonnull T candidate) {
        return delegate.shouldInclude(context, candidate);
    }
}
