package press.tamizdat.publishing;

/** An upload that cannot become a picture on our pages; the message key says why. */
class MediaRejected extends PublishingException {

    MediaRejected(String messageKey) {
        super(messageKey);
    }
}
