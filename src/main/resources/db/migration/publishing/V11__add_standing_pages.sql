-- every site starts with these pages; the newsroom replaces the text
INSERT INTO page (slug, language, title, body, version, updated_at)
VALUES ('about', 'EN', 'About us', 'We are an independent newsroom, paid for by our readers. The newsroom has not written this page yet.', 1, CURRENT_TIMESTAMP);
INSERT INTO page (slug, language, title, body, version, updated_at)
VALUES ('contact', 'EN', 'Contact', 'The newsroom has not written its contact details yet.', 1, CURRENT_TIMESTAMP);
INSERT INTO page (slug, language, title, body, version, updated_at)
VALUES ('privacy', 'EN', 'Privacy Policy', 'The newsroom has not written its privacy policy yet. We keep the least data for the shortest time, and no reader IP addresses.', 1, CURRENT_TIMESTAMP);
INSERT INTO page (slug, language, title, body, version, updated_at)
VALUES ('about', 'RU', 'О нас', 'Мы независимая редакция, которую оплачивают читатели. Редакция ещё не написала эту страницу.', 1, CURRENT_TIMESTAMP);
INSERT INTO page (slug, language, title, body, version, updated_at)
VALUES ('contact', 'RU', 'Контакты', 'Редакция ещё не указала свои контакты.', 1, CURRENT_TIMESTAMP);
INSERT INTO page (slug, language, title, body, version, updated_at)
VALUES ('privacy', 'RU', 'Политика конфиденциальности', 'Редакция ещё не написала политику конфиденциальности. Мы храним как можно меньше данных и как можно короче и не храним IP-адреса читателей.', 1, CURRENT_TIMESTAMP);
