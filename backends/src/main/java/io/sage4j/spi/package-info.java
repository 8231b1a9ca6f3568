/**
 * The backend service provider interface: {@link io.sage4j.spi.AttentionBackend} implementations are found with
 * {@link java.util.ServiceLoader}; each states its {@link io.sage4j.spi.Availability},
 * {@link io.sage4j.spi.BackendCapabilities}, priority, and — per call — its {@link io.sage4j.spi.ReferenceAgreement}
 * with the reference algorithm that defines each public algorithm ({@link io.sage4j.spi.ReferenceAlgorithms}).
 * Calls reach a backend validated ({@link io.sage4j.spi.AttentionCall}, {@link io.sage4j.spi.VarlenCall}).
 */
package io.sage4j.spi;
