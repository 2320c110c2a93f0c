-- the mail a reader gets once a subscription is confirmed, per newsletter and language; no row (or
-- a blank one) sends none in that language
CREATE TABLE newsletter_welcome (
    newsletter_id BIGINT        NOT NULL REFERENCES newsletter (id) ON DELETE CASCADE,
    language      VARCHAR(8)    NOT NULL,
    subject       VARCHAR(200)  NOT NULL,
    body          VARCHAR(20000) NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (newsletter_id, language)
);
-- that a subscriber was welcomed to a newsletter: a welcome goes once, however often they confirm or
-- come back; erased with the subscriber
CREATE TABLE newsletter_welcomed (
    subscriber_id BIGINT NOT NULL REFERENCES subscriber (id) ON DELETE CASCADE,
    newsletter_id BIGINT NOT NULL REFERENCES newsletter (id) ON DELETE CASCADE,
    welcomed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (subscriber_id, newsletter_id)
);
INSERT INTO newsletter_welcome (newsletter_id, language, subject, body, updated_at)
SELECT id, 'en', 'Welcome to The Week',
       'Thank you for subscribing. Every Friday morning the editors send you the week''s most important news, features and analysis, picked and put in order by hand.' || CHR(10) || CHR(10) ||
       'If our site is blocked where you are, the newsletter still reaches you: every edition links to an address that works and can carry the articles in full.',
       CURRENT_TIMESTAMP
FROM newsletter WHERE slug = 'weekly';
INSERT INTO newsletter_welcome (newsletter_id, language, subject, body, updated_at)
SELECT id, 'ru', 'Добро пожаловать в «Неделю»',
       'Спасибо за подписку. Каждую пятницу утром редакция присылает вам главные новости, репортажи и аналитику недели, отобранные и расставленные вручную.' || CHR(10) || CHR(10) ||
       'Если наш сайт у вас заблокирован, рассылка всё равно дойдёт: в каждом выпуске есть ссылки на работающий адрес, а статьи можно получать целиком.',
       CURRENT_TIMESTAMP
FROM newsletter WHERE slug = 'weekly';
