-- the default sections in Russian, for pages in Russian
INSERT INTO section_name (section_id, language, name) SELECT id, 'ru', 'Новости' FROM section WHERE slug = 'news';
INSERT INTO section_name (section_id, language, name) SELECT id, 'ru', 'Репортажи' FROM section WHERE slug = 'features';
INSERT INTO section_name (section_id, language, name) SELECT id, 'ru', 'Аналитика' FROM section WHERE slug = 'analysis';
INSERT INTO section_name (section_id, language, name) SELECT id, 'ru', 'Культура' FROM section WHERE slug = 'culture';
