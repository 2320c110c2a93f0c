package press.tamizdat.support;

import org.springframework.context.ApplicationContext;

/** For tests outside support: the keyed index support stores instead of a supporter's address. */
public final class SupportIndexes {

    private SupportIndexes() {}

    public static String of(ApplicationContext context, String email) {
        return context.getBean(SealedEmails.class).index(email);
    }
}
