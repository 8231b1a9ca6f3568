package io.sage4j.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector shapes cpu-vector computes with: the machine's preferred width, capped at 512 bits so that one
 * NVFP4 block (16 floats) is a whole number of vectors.
 */
final class Lanes {
    private Lanes() {}

    static final VectorShape SHAPE = VectorShape.preferredShape().vectorBitSize() > 512 ? VectorShape.S_512_BIT
            : VectorShape.preferredShape();
    /** Float lanes. */
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED.withShape(SHAPE);
    /** Int lanes of the same width. */
    static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED.withShape(SHAPE);
    /** Double lanes of the same width (half as many). */
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED.withShape(SHAPE);
    /** Floats of half the width: one {@link #D} vector's worth, for widening to double. */
    static final VectorSpecies<Float> F_HALF = VectorSpecies.of(float.class,
            VectorShape.forBitSize(SHAPE.vectorBitSize() / 2));
    /** Float lanes per vector (16 with AVX-512). */
    static final int L = F.length();
}
