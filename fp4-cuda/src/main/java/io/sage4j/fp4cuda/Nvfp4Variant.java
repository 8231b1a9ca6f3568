package io.sage4j.fp4cuda;

/** Which NVFP4 scale arithmetic a kernel uses; the ordinal is the kernel's {@code variant} argument. */
public enum Nvfp4Variant {
    /** IEEE binary32 throughout: {@code Nvfp4Quantizer.singleLevelIeee}. sage4j's own. */
    IEEE,
    /** Upstream SageAttention3's fast-math arithmetic, modelled: {@code Nvfp4Quantizer.sageAttention3}. */
    SAGE_ATTENTION3
}
