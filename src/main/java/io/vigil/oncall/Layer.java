package io.vigil.oncall;

/** The two layers of a region's rotation: PRIMARY is paged first, SECONDARY next. */
public enum Layer {
    PRIMARY, SECONDARY
}
