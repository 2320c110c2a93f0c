-- every outlet starts with the free weekly, on Friday morning
INSERT INTO newsletter (slug, name, description, sender_name, sender_address, slot_day, slot_time, slot_zone, position)
VALUES ('weekly', 'The Week',
        'Every Friday: the editors'' pick of the week''s news, features and analysis.',
        'The Week', 'newsletter@localhost', 'FRIDAY', '08:00', 'UTC', 1);
