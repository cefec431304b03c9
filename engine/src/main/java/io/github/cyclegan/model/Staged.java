package io.github.cyclegan.model;

import ai.djl.nn.Block;
import java.util.List;

/** A block whose forward pass is a chain of blocks, each fed only by the output of the one before it. */
interface Staged {

    List<Block> stages();
}
