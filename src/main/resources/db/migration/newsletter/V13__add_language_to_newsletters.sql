-- each newsletter belongs to one language edition: its signup page, archive and subscribers
ALTER TABLE newsletter ADD COLUMN language VARCHAR(8) DEFAULT 'en' NOT NULL;
-- the Russian edition's own weekly, with its own subscribers, archive and Friday slot
INSERT INTO newsletter (slug, name, description, sender_name, sender_address, slot_day, slot_time, slot_zone,
                        position, language)
VALUES ('nedelya', 'Неделя',
        'Каждую пятницу: главные новости, репортажи и аналитика недели, отобранные редакцией.',
        'Неделя', 'newsletter@localhost', 'FRIDAY', '09:00', 'UTC', 2, 'ru');
INSERT INTO newsletter_welcome (newsletter_id, language, subject, body, updated_at)
SELECT id, 'ru', 'Добро пожаловать в «Неделю»',
       'Спасибо за подписку. Каждую пятницу утром редакция присылает вам главные новости, репортажи и аналитику недели, отобранные и расставленные вручную.' || CHR(10) || CHR(10) ||
       'Если наш сайт у вас заблокирован, рассылка всё равно дойдёт: в каждом выпуске есть ссылки на работающий адрес, а статьи можно получать целиком.',
       CURRENT_TIMESTAMP
FROM newsletter WHERE slug = 'nedelya';
