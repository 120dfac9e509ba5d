package io.pushback.network;

import java.util.Optional;

/**
 * One hop of a forwarding chain as a proxy reported it, values still raw: the address it received
 * the request from ({@code for}) and the scheme it received it over ({@code proto}). Read lazily
 * from the right, so what a client wrote beyond the first untrusted hop is never parsed.
 */
record ForwardedHop(Optional<String> forValue, Optional<String> proto) {}
