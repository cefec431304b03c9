package io.github.cyclegan.model;

import java.util.List;

/** A block that knows the PyTorch state-dict names of its parameters and of its children's. */
public interface StateDictModule {

    /**
     * Appends this module's entries in PyTorch's order: own parameters and buffers, then children.
     *
     * @param prefix the module's path including the trailing dot, or "" at the root
     * @param out the list to append to
     */
    void collectStateDict(String prefix, List<StateDictEntry> out);
}
