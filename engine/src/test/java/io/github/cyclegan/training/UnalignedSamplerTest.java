package io.github.cyclegan.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnalignedSamplerTest {

    private static List<UnalignedPair> epochs(UnalignedSampler sampler, int count) {
        List<UnalignedPair> out = new ArrayList<>();
        for (int e = 0; e < count; e++) {
            while (sampler.hasNext()) {
                out.add(sampler.next());
            }
            sampler.nextEpoch();
        }
        return out;
    }

    @Test
    void serialBatchesReadsInOrderWithBModuloItsSize() {
        UnalignedSampler sampler = new UnalignedSampler(3, 5, true, 0);
        assertThat(sampler.length()).isEqualTo(5);
        assertThat(epochs(sampler, 1)).containsExactly(
                new UnalignedPair(0, 0, 0), new UnalignedPair(1, 1, 1), new UnalignedPair(2, 2, 2),
                new UnalignedPair(3, 0, 3), new UnalignedPair(4, 1, 4));
    }

    @Test
    void shuffledEpochVisitsEveryIndexOnceWithADifferentOrderEachEpoch() {
        UnalignedSampler sampler = new UnalignedSampler(7, 4, false, 11);
        List<UnalignedPair> two = epochs(sampler, 2);
        List<Integer> first = two.subList(0, 7).stream().map(UnalignedPair::index).toList();
        List<Integer> second = two.subList(7, 14).stream().map(UnalignedPair::index).toList();
        assertThat(first).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6);
        assertThat(second).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6);
        assertThat(first).isNotEqualTo(second);
        assertThat(two).allSatisfy(p -> {
            assertThat(p.a()).isEqualTo(p.index() % 7);
            assertThat(p.b()).isBetween(0, 3);
        });
    }

    @Test
    void randomBCoversDomainBRoughlyUniformly() {
        UnalignedSampler sampler = new UnalignedSampler(400, 4, false, 3);
        int[] counts = new int[4];
        epochs(sampler, 5).forEach(p -> counts[p.b()]++);
        assertThat(Arrays.stream(counts).boxed().toList()).allSatisfy(c -> assertThat(c).isBetween(400, 600));
    }

    @Test
    void sameSeedSameOrderAnotherSeedAnother() {
        List<UnalignedPair> a = epochs(new UnalignedSampler(9, 6, false, 5), 3);
        assertThat(epochs(new UnalignedSampler(9, 6, false, 5), 3)).isEqualTo(a);
        assertThat(epochs(new UnalignedSampler(9, 6, false, 6), 3)).isNotEqualTo(a);
    }

    @Test
    void restoredSamplerContinuesExactlyMidEpoch() throws Exception {
        List<UnalignedPair> uninterrupted = epochs(new UnalignedSampler(9, 6, false, 5), 4);

        UnalignedSampler first = new UnalignedSampler(9, 6, false, 5);
        List<UnalignedPair> resumed = new ArrayList<>(epochs(first, 1));
        for (int i = 0; i < 4; i++) {
            resumed.add(first.next());
        }
        ObjectMapper json = new ObjectMapper();
        String saved = json.writeValueAsString(first.state());

        UnalignedSampler second = new UnalignedSampler(9, 6, false, 5);
        second.restore(json.readValue(saved, UnalignedSamplerState.class));
        assertThat(second.epoch()).isEqualTo(1);
        assertThat(second.position()).isEqualTo(4);
        resumed.addAll(epochs(second, 3));
        assertThat(resumed).isEqualTo(uninterrupted);
    }

    @Test
    void refusesEmptyDomainsAFinishedEpochAndAChangedDataset() {
        assertThatThrownBy(() -> new UnalignedSampler(0, 3, false, 0)).hasMessageContaining("trainA has 0");
        UnalignedSampler sampler = new UnalignedSampler(1, 1, false, 0);
        sampler.next();
        assertThatThrownBy(sampler::next).isInstanceOf(NoSuchElementException.class);
        UnalignedSamplerState state = new UnalignedSampler(2, 3, false, 0).state();
        assertThatThrownBy(() -> sampler.restore(state)).hasMessageContaining("2 A and 3 B");
        Set<Integer> seen = new HashSet<>();
        epochs(new UnalignedSampler(2, 3, true, 0), 1).forEach(p -> seen.add(p.a()));
        assertThat(seen).containsExactlyInAnyOrder(0, 1);
    }
}
