-- every outlet starts with a monthly ask in US dollars and euros, from 2.00 up to 10,000.00
INSERT INTO campaign (id, show_banner, show_appeal, default_frequency, remind_later, version)
VALUES (1, TRUE, TRUE, 'MONTHLY', TRUE, 0);

INSERT INTO campaign_text (language, banner_text, appeal_title, appeal_body)
VALUES ('en', 'Support {site}!', 'A Message from {site}',
        'Our journalism is free to read and paid for by readers like you. No owner, no state money: every contribution keeps us independent and reachable where we are blocked.');
INSERT INTO campaign_text (language, banner_text, appeal_title, appeal_body)
VALUES ('ru', 'Поддержите {site}!', 'Обращение {site}',
        'Наша журналистика бесплатна для читателей и оплачивается ими. У нас нет владельца и государственных денег: каждый взнос сохраняет нашу независимость и доступность там, где нас блокируют.');

INSERT INTO campaign_currency (code, minimum_minor, maximum_minor, presets_once, presets_monthly, presets_annual, position)
VALUES ('USD', 200, 1000000, '1000,2500,5000,10000', '500,1000,2500', '5000,10000,25000', 1);
INSERT INTO campaign_currency (code, minimum_minor, maximum_minor, presets_once, presets_monthly, presets_annual, position)
VALUES ('EUR', 200, 1000000, '1000,2500,5000,10000', '500,1000,2500', '5000,10000,25000', 2);
