package io.github.cyclegan.inferenceworker.batching;

import io.github.cyclegan.image.ChwImage;
import java.util.List;

/** Translates equally sized images in one call, outputs in input order ({@code GeneratorModel::translate}). */
@FunctionalInterface
public interface Translator {
    List<ChwImage> translate(List<ChwImage> images);
}
