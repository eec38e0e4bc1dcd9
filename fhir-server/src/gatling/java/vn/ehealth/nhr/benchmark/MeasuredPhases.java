package vn.ehealth.nhr.benchmark;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;

/**
 * The closed-model load of the read benchmarks: {@code users} in flight, first a warm-up of the same mix
 * reported apart (its requests are named "warm-up …"), then the measured phase. With a zero warm-up the
 * run is the measured phase only (the scripts then run the simulation once more before, to warm up), so
 * the report's "Global" line holds only measured requests.
 */
final class MeasuredPhases {

    private MeasuredPhases() {
    }

    /** {@code mix} makes the scenario from its name and the prefix of its request names. */
    static List<PopulationBuilder> closed(BiFunction<String, String, ScenarioBuilder> mix, String name, int users,
                                          Duration warmUp, Duration measured) {
        ScenarioBuilder reads = mix.apply(name, "");
        if (warmUp.isZero()) {
            return List.of(reads.injectClosed(constantConcurrentUsers(users).during(measured)));
        }
        return List.of(mix.apply("warm-up", "warm-up ").injectClosed(constantConcurrentUsers(users).during(warmUp)),
                reads.injectClosed(constantConcurrentUsers(0).during(warmUp.plusSeconds(1)),
                        constantConcurrentUsers(users).during(measured)));
    }
}
