package press.tamizdat.publishing;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The staff member's role does not allow this action on this article. */
@ResponseStatus(HttpStatus.FORBIDDEN)
class PublishingDenied extends PublishingException {

    PublishingDenied(String messageKey) {
        super(messageKey);
    }
}
