package vn.ehealth.nhr.server.audit;

import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.storage.interceptor.balp.BalpProfileEnum;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.consent.Accessor;
import vn.ehealth.nhr.server.security.AccessContext;
import vn.ehealth.nhr.server.security.AccessContexts;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class AuditTrailTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<AuditEvent> stored = Collections.synchronizedList(new ArrayList<>());
    private AuditTrail trail;

    @AfterEach
    void tearDown() {
        if (trail != null) {
            trail.stop();
        }
        RequestContextHolder.resetRequestAttributes();
        SecurityContextHolder.clearContext();
    }

    private AuditTrail trail(int capacity, int batchSize, AuditTrail.Writer writer, Optional<AccessContext> context) {
        trail = new AuditTrail(capacity, batchSize, writer, () -> context, meters);
        return trail;
    }

    private double count(String outcome) {
        return meters.get(AuditTrail.METRIC).tag("outcome", outcome).counter().count();
    }

    private static AuditEvent event(String id) {
        AuditEvent event = AuditEvents.event(BalpProfileEnum.PATIENT_READ, AuditedRequest.of(
                AuditFixtures.request(RequestTypeEnum.GET, RestOperationTypeEnum.READ, "Patient/" + id),
                AuditFixtures.services(AuditFixtures.practitioner())));
        AuditEvents.addPatient(event, "Patient/" + id);
        return event;
    }

    @Test
    void eventsAreStoredInTheOrderTheyCameInBatchesOfAnySize() throws Exception {
        trail(1000, 7, stored::add, Optional.empty()).start();
        for (int i = 0; i < 250; i++) {
            trail.recordAuditEvent(event(String.valueOf(i)));
        }

        assertThat(trail.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(stored).extracting(e -> AuditFixtures.patients(e).get(0))
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 250).mapToObj(i -> "Patient/" + i).toList());
        assertThat(count("written")).isEqualTo(250);
        assertThat(count("failed")).isZero();
        assertThat(count("dropped")).isZero();
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfMakingTheRequestWait() throws Exception {
        CountDownLatch databaseIsSlow = new CountDownLatch(1);
        trail(100, 1, e -> {
            databaseIsSlow.await(10, TimeUnit.SECONDS);
            stored.add(e);
        }, Optional.empty()).start();

        trail.recordAuditEvent(event("first")); // taken by the writer, which then hangs
        Thread.sleep(300);
        for (int i = 0; i < 105; i++) { // 100 fit in the queue, 5 do not; none of these calls waits
            trail.recordAuditEvent(event(String.valueOf(i)));
        }

        assertThat(count("dropped")).isEqualTo(5);
        databaseIsSlow.countDown();
        assertThat(trail.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(stored).hasSize(101);
        assertThat(count("written")).isEqualTo(101);
    }

    @Test
    void aWriteThatFailsIsCountedAndTheNextEventsAreStillStored() throws Exception {
        trail(100, 10, e -> {
            if (AuditFixtures.patients(e).contains("Patient/2")) {
                throw new IllegalStateException("database unavailable");
            }
            stored.add(e);
        }, Optional.empty()).start();

        for (int i = 1; i <= 4; i++) {
            trail.recordAuditEvent(event(String.valueOf(i)));
        }

        assertThat(trail.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(stored).extracting(e -> AuditFixtures.patients(e).get(0))
                .containsExactly("Patient/1", "Patient/3", "Patient/4");
        assertThat(count("failed")).isEqualTo(1);
        assertThat(count("written")).isEqualTo(3);
    }

    @Test
    void breakingTheGlassIsFlaggedWithTheJustificationAndEmergencyPurpose() throws Exception {
        // the real path: a clinician's token and the break-the-glass headers on the HTTP request
        MockHttpServletRequest http = new MockHttpServletRequest("GET", "/fhir/Patient/123");
        http.addHeader(AccessContexts.PURPOSE_OF_USE_HEADER, "ETREAT");
        http.addHeader(AccessContexts.JUSTIFICATION_HEADER, URLEncoder.encode("Bệnh nhân hôn mê", StandardCharsets.UTF_8));
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "none").claim("roles", List.of("clinician"))
                .claim("facility_code", "01001").claim("practitioner_licence", "000123/HNO-CCHN")
                .claim("azp", "clinician-portal").subject("u1").build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt));
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(http));
        trail = new AuditTrail(100, 10, stored::add, AccessContexts::current, meters);
        trail.start();

        trail.recordAuditEvent(event("123"));
        assertThat(trail.flush(Duration.ofSeconds(10))).isTrue();

        AuditEvent e = stored.get(0);
        assertThat(e.getMeta().getTag()).extracting(Coding::getSystem, Coding::getCode, Coding::getDisplay)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AuditEvents.FLAG_SYSTEM, "break-the-glass",
                        "Truy cập khẩn cấp (phá kính)"));
        assertThat(((StringType) e.getExtensionByUrl(AuditEvents.JUSTIFICATION_EXTENSION).getValue()).getValue())
                .isEqualTo("Bệnh nhân hôn mê");
        assertThat(e.getPurposeOfEventFirstRep().getCodingFirstRep().getCode()).isEqualTo("ETREAT");
        assertThat(e.getPurposeOfEventFirstRep().getCodingFirstRep().getSystem())
                .isEqualTo("http://terminology.hl7.org/CodeSystem/v3-ActReason");
        AuditEvent.AuditEventAgentComponent user = AuditEvents.user(e);
        assertThat(user.getPurposeOfUseFirstRep().getCodingFirstRep().getCode()).isEqualTo("ETREAT");
        // the facility the clinician acts for is an agent of its own
        assertThat(e.getAgent()).anySatisfy(a -> {
            assertThat(a.getWho().getIdentifier().getSystem()).isEqualTo(NhrIdentifierSystems.FACILITY_CODE);
            assertThat(a.getWho().getIdentifier().getValue()).isEqualTo("01001");
        });
        // the client shows as the application, not as an address
        assertThat(e.getAgent()).anySatisfy(a -> assertThat(a.getWho().getDisplay()).isEqualTo("clinician-portal"));
    }

    @Test
    void everyAdministratorAccessIsFlaggedAndOrdinaryAccessIsNot() throws Exception {
        List<AuditEvent> admin = new ArrayList<>();
        AuditTrail adminTrail = new AuditTrail(100, 10, admin::add,
                () -> Optional.of(AuditFixtures.signedIn(Accessor.administrator(), null, null)), meters);
        adminTrail.start();
        adminTrail.recordAuditEvent(event("1"));
        assertThat(adminTrail.flush(Duration.ofSeconds(10))).isTrue();
        adminTrail.stop();
        assertThat(admin.get(0).getMeta().getTag()).extracting(Coding::getCode).containsExactly("administrator-access");
        assertThat(admin.get(0).getPurposeOfEventFirstRep().getCodingFirstRep().getCode()).isEqualTo("HOPERAT");

        trail(100, 10, stored::add, Optional.of(AuditFixtures.practitioner())).start();
        trail.recordAuditEvent(event("1"));
        assertThat(trail.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(stored.get(0).getMeta().getTag()).isEmpty();
        assertThat(stored.get(0).getPurposeOfEventFirstRep().getCodingFirstRep().getCode()).isEqualTo("TREAT");
    }

    @Test
    void stoppingWritesWhatIsQueuedAndLaterEventsAreCountedAsDropped() throws Exception {
        trail(100, 10, stored::add, Optional.empty());
        for (int i = 0; i < 30; i++) { // queued before the writer runs (start-up)
            trail.recordAuditEvent(event(String.valueOf(i)));
        }
        trail.start();
        trail.stop();
        assertThat(stored).hasSize(30);

        trail.recordAuditEvent(event("late"));
        assertThat(count("dropped")).isEqualTo(1);
        assertThat(trail.flush(Duration.ofMillis(100))).isTrue();
    }

    @Test
    void aWriteIsQueuedOnlyOnceItsTransactionHasEndedAndARollbackIsRecordedAsAFailure() throws Exception {
        trail(100, 10, stored::add, Optional.empty()).start();
        for (int status : new int[] {TransactionSynchronization.STATUS_COMMITTED, TransactionSynchronization.STATUS_ROLLED_BACK}) {
            TransactionSynchronizationManager.initSynchronization();
            try {
                trail.recordAuditEvent(event(String.valueOf(status)));
                assertThat(trail.flush(Duration.ofSeconds(5))).isTrue();
                assertThat(stored).hasSize(status == TransactionSynchronization.STATUS_COMMITTED ? 0 : 1); // not yet
                TransactionSynchronizationManager.getSynchronizations().forEach(s -> s.afterCompletion(status));
            } finally {
                TransactionSynchronizationManager.clearSynchronization();
            }
        }

        assertThat(trail.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(stored).extracting(AuditEvent::getOutcome)
                .containsExactly(AuditEvent.AuditEventOutcome._0, AuditEvent.AuditEventOutcome._4);
        assertThat(stored.get(1).getOutcomeDesc()).contains("rolled back");
    }

    @Test
    void flushReportsWhenTheWriterDoesNotKeepUp() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        trail(100, 1, e -> never.await(5, TimeUnit.SECONDS), Optional.empty()).start();
        trail.recordAuditEvent(event("1"));
        assertThat(trail.flush(Duration.ofMillis(200))).isFalse();
        never.countDown();
        assertThat(trail.flush(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void eventsAreStoredByTheBatchAndABatchRefusedAsAWholeIsStoredOneByOne() throws Exception {
        List<Integer> batches = Collections.synchronizedList(new ArrayList<>());
        AuditTrail.Writer writer = new AuditTrail.Writer() {
            @Override
            public void write(AuditEvent event) {
                if (isBad(event)) {
                    throw new IllegalStateException("names a resource that is gone");
                }
                stored.add(event);
            }

            @Override
            public boolean writeAllOrNone(List<AuditEvent> events) {
                batches.add(events.size());
                if (events.stream().anyMatch(AuditTrailTest::isBad)) {
                    throw new IllegalStateException("rolled back");
                }
                stored.addAll(events);
                return true;
            }
        };
        trail(100, 10, writer, Optional.empty());
        for (int i = 1; i <= 10; i++) { // queued before the writer starts: it takes them as one batch
            trail.recordAuditEvent(event(i == 5 ? "bad" : String.valueOf(i)));
        }
        trail.start();
        assertThat(trail.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(batches).containsExactly(10); // one transaction for ten, refused because of one
        assertThat(stored).hasSize(9); // then one by one: everything but the bad one
        assertThat(count("failed")).isEqualTo(1);

        trail.stop();
        trail(100, 10, writer, Optional.empty());
        for (int i = 11; i <= 13; i++) {
            trail.recordAuditEvent(event(String.valueOf(i)));
        }
        trail.start();
        assertThat(trail.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(batches).containsExactly(10, 3);
        assertThat(stored).hasSize(12);
    }

    @Test
    void aFullQueueMakesTheRequestWaitForRoomInsteadOfLosingItsEvent() throws Exception {
        trail = new AuditTrail(1, 10, Duration.ofSeconds(5), stored::add, Optional::empty, meters);
        trail.recordAuditEvent(event("1")); // fills the queue: the writer has not started
        Thread request = new Thread(() -> trail.recordAuditEvent(event("2")));
        request.start();
        request.join(300);
        assertThat(request.isAlive()).as("the request waits for room").isTrue();
        trail.start();
        request.join(5000);
        assertThat(trail.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(stored).hasSize(2);
        assertThat(count("dropped")).isZero();
    }

    @Test
    void pastTheWaitTheEventIsDroppedAndCounted() {
        trail = new AuditTrail(1, 10, Duration.ofMillis(50), stored::add, Optional::empty, meters);
        trail.recordAuditEvent(event("1"));
        trail.recordAuditEvent(event("2"));
        assertThat(count("dropped")).isEqualTo(1);
    }

    @Test
    void theEventsOfOneTransactionAreQueuedTogetherAsOneWhenTheySayTheSame() throws Exception {
        trail(100, 10, stored::add, Optional.empty()).start();
        TransactionSynchronizationManager.initSynchronization();
        try {
            for (int i = 0; i < 3; i++) {
                AuditEvent create = event("7");
                AuditEvents.addData(create, "Observation/" + i);
                trail.recordAuditEvent(create);
            }
            assertThat(TransactionSynchronizationManager.getSynchronizations()).hasSize(1);
            TransactionSynchronizationManager.getSynchronizations()
                    .forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));
        } finally {
            TransactionSynchronizationManager.clearSynchronization();
        }
        assertThat(trail.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).getEntity()).filteredOn(e -> "4".equals(e.getRole().getCode()))
                .extracting(e -> e.getWhat().getReference()).containsExactly("Observation/0", "Observation/1", "Observation/2");
    }

    private static boolean isBad(AuditEvent event) {
        return event.getEntity().stream().anyMatch(e -> "Patient/bad".equals(e.getWhat().getReference()));
    }
}
