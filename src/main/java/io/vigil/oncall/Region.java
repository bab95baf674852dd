package io.vigil.oncall;

/** The three follow-the-sun regions of the spec (§2). Their zones and windows arrive with rotations. */
public enum Region {
    APAC, EMEA, AMER
}
