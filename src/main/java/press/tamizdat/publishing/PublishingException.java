package press.tamizdat.publishing;

/** A publishing action that cannot happen now; the message key tells the editor why. */
class PublishingException extends RuntimeException {

    private final String messageKey;

    PublishingException(String messageKey) {
        super(messageKey);
        this.messageKey = messageKey;
    }

    String messageKey() {
        return messageKey;
    }
}
