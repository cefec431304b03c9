package io.github.cyclegan.training;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The loss terms of one iteration under the reference's names, in the order it prints them:
 * {@code D_A, G_A, cycle_A, idt_A, D_B, G_B, cycle_B, idt_B}. The identity terms are 0 when the
 * identity loss is off.
 */
public record LossTerms(double dA, double gA, double cycleA, double idtA, double dB, double gB, double cycleB,
        double idtB) {

    public Map<String, Double> asMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("D_A", dA);
        map.put("G_A", gA);
        map.put("cycle_A", cycleA);
        map.put("idt_A", idtA);
        map.put("D_B", dB);
        map.put("G_B", gB);
        map.put("cycle_B", cycleB);
        map.put("idt_B", idtB);
        return map;
    }

    /** The generators' total objective, as back-propagated in the G step. */
    public double generatorTotal() {
        return gA + gB + cycleA + cycleB + idtA + idtB;
    }
}
