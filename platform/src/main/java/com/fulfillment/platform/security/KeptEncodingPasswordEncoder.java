package com.fulfillment.platform.security;

import org.springframework.security.crypto.password.PasswordEncoder;

/** A password encoder that never asks for a stored password to be encoded again: it stays as it was configured. */
final class KeptEncodingPasswordEncoder implements PasswordEncoder {

    private final PasswordEncoder encoder;

    KeptEncodingPasswordEncoder(PasswordEncoder encoder) {
        this.encoder = encoder;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return encoder.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return encoder.matches(rawPassword, encodedPassword);
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return false;
    }
}
