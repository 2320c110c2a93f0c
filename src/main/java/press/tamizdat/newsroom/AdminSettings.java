package press.tamizdat.newsroom;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first admin, created on an empty database: the address ({@code TAMIZDAT_ADMIN_EMAIL}; empty:
 * {@code admin@tamizdat.local}), a password ({@code TAMIZDAT_ADMIN_PASSWORD}; empty: a one-time
 * password printed once) and an authenticator secret ({@code TAMIZDAT_ADMIN_TOTP_SECRET}; empty: the
 * admin enrols a second factor at first sign-in).
 */
@ConfigurationProperties("tamizdat.admin")
record AdminSettings(
        @DefaultValue("") String email,
        @DefaultValue("") String password,
        @DefaultValue("") String totpSecret) {}
