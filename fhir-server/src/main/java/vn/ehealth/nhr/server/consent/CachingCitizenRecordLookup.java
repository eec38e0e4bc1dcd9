package vn.ehealth.nhr.server.consent;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The consent rules' lookups, kept between requests: a search mostly asks about the same few
 * citizens, and reading their CCCD and Consents again for every request doubled the latency of a
 * search (BENCHMARKS.md, "Consent rules"). What keeps the cache true: every write of a Consent or a
 * Patient on this server evicts that citizen's entries, before and after its commit, so a new or
 * revoked Consent applies to the next request; the time limit bounds what another server replica
 * may still hold unless the replicas tell each other ({@link PostgresEvictionBroadcast}). A citizen without any active Consent
 * (most citizens, most of the time) is remembered longer than one with Consents: the only mistake a
 * stale "none" can make is to refuse, for a while, what a Consent written on another replica permits;
 * it never shows anything.
 */
@Interceptor
public class CachingCitizenRecordLookup extends CitizenRecordLookup {

    private final Cache<String, Set<String>> patientsByCccd;
    private final Cache<String, Optional<String>> cccdByPatient;
    private final Cache<String, List<Consent>> consentsByPatient;
    private volatile EvictionBroadcast broadcast = eviction -> { };

    public CachingCitizenRecordLookup(DaoRegistry daos, Duration consentsFor, Duration noConsentsFor, long maximumCitizens) {
        super(daos);
        this.patientsByCccd = Caffeine.newBuilder().maximumSize(maximumCitizens).expireAfterWrite(Duration.ofMinutes(10)).build();
        this.cccdByPatient = Caffeine.newBuilder().maximumSize(maximumCitizens).expireAfterWrite(Duration.ofMinutes(10)).build();
        this.consentsByPatient = Caffeine.newBuilder().maximumSize(maximumCitizens)
                .expireAfter(new ConsentsExpiry(consentsFor, noConsentsFor)).build();
    }

    /** How long a citizen's active Consents are kept: {@code consentsFor}, or {@code noConsentsFor} when there are none. */
    static final class ConsentsExpiry implements Expiry<String, List<Consent>> {
        private final long consentsNanos;
        private final long noConsentsNanos;

        ConsentsExpiry(Duration consentsFor, Duration noConsentsFor) {
            this.consentsNanos = consentsFor.toNanos();
            this.noConsentsNanos = noConsentsFor.toNanos();
        }

        @Override
        public long expireAfterCreate(String patientId, List<Consent> consents, long now) {
            return consents.isEmpty() ? noConsentsNanos : consentsNanos;
        }

        @Override
        public long expireAfterUpdate(String patientId, List<Consent> consents, long now, long current) {
            return expireAfterCreate(patientId, consents, now);
        }

        @Override
        public long expireAfterRead(String patientId, List<Consent> consents, long now, long current) {
            return current; // kept from when it was read from the database, not from its last use
        }
    }

    @Override
    public Set<String> patientIdsOfCitizen(String cccd) {
        return patientsByCccd.get(cccd, super::patientIdsOfCitizen);
    }

    @Override
    public Optional<String> cccdOfPatient(String patientId) {
        return cccdByPatient.get(patientId, super::cccdOfPatient);
    }

    /** Copies of the cached Consents: the rules must not see (or make) changes through shared objects. */
    @Override
    public List<Consent> activeConsents(String patientId) {
        return consentsByPatient.get(patientId, super::activeConsents).stream().map(Consent::copy).toList();
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        evictFor(resource);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource resource) {
        evictFor(previous);
        evictFor(resource);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(IBaseResource resource) {
        evictFor(resource);
    }

    private void evictFor(IBaseResource resource) {
        LookupEviction eviction = evictionOf(resource);
        if (eviction == null) {
            return;
        }
        evict(eviction);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // a request reading between this eviction and the commit would cache the old state again
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    evict(eviction);
                }
            });
        }
        // in the write's transaction: the other replicas hear of it only if it commits
        broadcast.publish(eviction);
    }

    /** Tells other replicas what a write made stale; nothing by default (one server). */
    @FunctionalInterface
    public interface EvictionBroadcast {
        void publish(LookupEviction eviction);
    }

    public void broadcastEvictionsWith(EvictionBroadcast broadcast) {
        this.broadcast = broadcast;
    }

    /** Forgets what the eviction names (a write here, or one another replica announced). */
    public void evict(LookupEviction eviction) {
        if (eviction.kind() == LookupEviction.Kind.CONSENTS) {
            if (eviction.patientId() != null) {
                consentsByPatient.invalidate(eviction.patientId());
            }
            for (String cccd : eviction.cccds()) {
                Set<String> ids = patientsByCccd.getIfPresent(cccd);
                if (ids != null) {
                    consentsByPatient.invalidateAll(ids);
                }
            }
        } else {
            if (eviction.patientId() != null) {
                cccdByPatient.invalidate(eviction.patientId());
            }
            patientsByCccd.invalidateAll(eviction.cccds());
        }
    }

    /** Forgets everything: when this replica may have missed another's announcements. */
    public void evictAll() {
        patientsByCccd.invalidateAll();
        cccdByPatient.invalidateAll();
        consentsByPatient.invalidateAll();
    }

    static LookupEviction evictionOf(IBaseResource resource) {
        if (resource instanceof Consent consent) {
            String patient = consent.getPatient().getReferenceElement().getIdPart();
            Identifier cccd = consent.getPatient().getIdentifier();
            List<String> cccds = cccd != null && NhrIdentifierSystems.CITIZEN_ID.equals(cccd.getSystem()) && cccd.hasValue()
                    ? List.of(cccd.getValue()) : List.of();
            return new LookupEviction(LookupEviction.Kind.CONSENTS, patient, cccds);
        }
        if (resource instanceof Patient patient) {
            List<String> cccds = patient.getIdentifier().stream()
                    .filter(i -> NhrIdentifierSystems.CITIZEN_ID.equals(i.getSystem()) && i.hasValue())
                    .map(Identifier::getValue).toList();
            return new LookupEviction(LookupEviction.Kind.PATIENT, patient.getIdElement().getIdPart(), cccds);
        }
        return null;
    }
}
