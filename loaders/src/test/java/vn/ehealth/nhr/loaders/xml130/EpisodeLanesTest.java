package vn.ehealth.nhr.loaders.xml130;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code --parallel}: episodes of different citizens are sent side by side; episodes of one
 * citizen never overlap and keep the file's order; a failure stops the rest and is reported.
 */
class EpisodeLanesTest {

    @Test
    void episodesOfDifferentCitizensAreSentAtTheSameTime() throws Exception {
        CountDownLatch bothStarted = new CountDownLatch(2);
        AtomicInteger together = new AtomicInteger();
        try (EpisodeLanes lanes = new EpisodeLanes(4)) {
            // two citizens whose keys land on different lanes
            List<Xml130Episode> two = onDifferentLanes(lanes);
            for (Xml130Episode episode : two) {
                lanes.submit(episode, () -> {
                    bothStarted.countDown();
                    try {
                        if (bothStarted.await(10, TimeUnit.SECONDS)) {
                            together.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
        }
        assertThat(together).hasValue(2);
    }

    @Test
    void episodesOfOneCitizenGoOneAfterTheOtherInFileOrder() {
        Map<String, List<Integer>> order = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        List<String> overlaps = Collections.synchronizedList(new ArrayList<>());
        try (EpisodeLanes lanes = new EpisodeLanes(3)) {
            for (int i = 0; i < 60; i++) {
                String cccd = "00109500" + String.format("%04d", i % 5); // five citizens, twelve episodes each
                int n = i;
                lanes.submit(episode("LK" + i, cccd), () -> {
                    if (running.computeIfAbsent(cccd, k -> new AtomicInteger()).incrementAndGet() > 1) {
                        overlaps.add(cccd);
                    }
                    order.computeIfAbsent(cccd, k -> Collections.synchronizedList(new ArrayList<>())).add(n);
                    sleep(2);
                    running.get(cccd).decrementAndGet();
                });
            }
        }
        assertThat(overlaps).isEmpty();
        assertThat(order).hasSize(5);
        order.values().forEach(list -> assertThat(list).isSorted().hasSize(12));
    }

    @Test
    void aFailureStopsWhatIsStillWaitingAndIsThrownAtTheEnd() {
        AtomicInteger sent = new AtomicInteger();
        EpisodeLanes lanes = new EpisodeLanes(1);
        lanes.submit(episode("LK1", "001095000001"), () -> {
            throw new IllegalStateException("no token");
        });
        for (int i = 0; i < 3; i++) {
            try {
                lanes.submit(episode("LK" + (i + 2), "001095000001"), sent::incrementAndGet);
            } catch (IllegalStateException alreadyFailed) {
                break;
            }
        }
        assertThatThrownBy(lanes::close).isInstanceOf(IllegalStateException.class).hasMessage("no token");
        assertThat(sent).hasValue(0);
    }

    @Test
    void theCitizenIsKnownByCccdElseInsuranceCardElsePatientNumber() {
        assertThat(EpisodeLanes.citizenKey(episode("LK1", "001095000001"))).isEqualTo("SO_CCCD:001095000001");
        Xml130Episode noCccd = new Xml130Episode("f.xml", null, "01001");
        noCccd.add(Xml130Table.XML1, List.of(new Xml130Row(Xml130Table.XML1, 1,
                Map.of("MA_LK", "LK9", "MA_THE_BHYT", "DN4010123456789"))));
        assertThat(EpisodeLanes.citizenKey(noCccd)).isEqualTo("MA_THE_BHYT:DN4010123456789");
    }

    private static Xml130Episode episode(String maLk, String cccd) {
        Xml130Episode e = new Xml130Episode("envelope.xml", "HOSO " + maLk, "01001");
        e.add(Xml130Table.XML1, List.of(new Xml130Row(Xml130Table.XML1, 1, Map.of("MA_LK", maLk, "SO_CCCD", cccd))));
        return e;
    }

    private static List<Xml130Episode> onDifferentLanes(EpisodeLanes lanes) {
        Xml130Episode first = episode("LK1", "001095000001");
        for (int i = 2; i < 100; i++) {
            Xml130Episode other = episode("LK" + i, String.format("0010950%05d", i));
            if (lanes.laneOf(other) != lanes.laneOf(first)) {
                return List.of(first, other);
            }
        }
        throw new AssertionError("no two citizens on different lanes");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
