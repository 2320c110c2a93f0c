package press.tamizdat;

import java.util.ArrayList;
import java.util.List;

/**
 * The hostile-input corpus: what an attacker or a careless hand sends to a form or a query. Each
 * entry is a value for every parameter of one request; {@link #RAW} are byte sequences, written
 * percent-encoded as they are, that are not valid UTF-8.
 */
final class HostileInputs {

    private HostileInputs() {}

    /** Percent-encoded bytes that decode to no valid UTF-8: stray continuation bytes, overlong forms, surrogates. */
    static final List<String> RAW = List.of(
            "%C3%28",
            "%A0%A1",
            "%E2%28%A1",
            "%E2%82%28",
            "%F0%28%8C%BC",
            "%F0%90%28%BC",
            "%F8%A1%A1%A1%A1",
            "%FC%A1%A1%A1%A1%A1",
            "%FF",
            "%FE%FF",
            "%C0%AF",
            "%E0%80%AF",
            "%ED%A0%80",
            "%ED%BF%BF",
            "%F4%90%80%80",
            "%",
            "%G0",
            "%2",
            "abc%",
            "%%%",
            "%00",
            "%0D%0ASet-Cookie:%20x=1",
            "%u0041");

    static List<String> corpus() {
        var inputs = new ArrayList<String>();
        // nothing, and nothing much
        inputs.addAll(List.of("", " ", "\t", "\n", "0", "-0", "-1", "1", "00000001", "+1"));
        // wrong types and the edges of numbers
        inputs.addAll(List.of(
                "abc",
                "1.5",
                "1e309",
                "-1e309",
                "NaN",
                "Infinity",
                "-Infinity",
                "0x10",
                "9223372036854775807",
                "9223372036854775808",
                "-9223372036854775809",
                "99999999999999999999999999999",
                "2147483648",
                "-2147483649",
                "1,000",
                "١٢٣",
                "true",
                "false",
                "null",
                "undefined",
                "[]",
                "{}",
                "[object Object]",
                "2026-13-45",
                "2026-02-30T25:61",
                "0000-00-00",
                "1970-01-01T00:00:00Z",
                "9999-12-31T23:59:59",
                "P1D",
                "-P1D",
                "PT-1S"));
        // every C0 control character, DEL, and some their neighbours
        for (char c = 0; c < 0x20; c++) {
            inputs.add("a" + c + "b");
        }
        inputs.addAll(
                List.of("\u007F", "\u0085", "\u00A0", "\u2028", "\u2029", "\uFEFF", "\uFFFE", "\uFFFF", "\uFFFD"));
        // text that breaks naive code: lone surrogates, combining marks, direction overrides, wide and rare scripts
        inputs.addAll(List.of(
                "\uD800",
                "\uDC00",
                "\uDBFF\uDFFF",
                "\uD83D\uDE00",
                "e\u0301\u0301\u0301\u0301",
                "\u202Egnp.exe",
                "\u200B\u200C\u200D",
                "ｆｕｌｌｗｉｄｔｈ",
                "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
                "Привет, мир",
                "שלום",
                "مرحبا",
                "İıŞş",
                "ǅ",
                "ß",
                "\u0000\u0000\u0000",
                "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇"));
        // oversize
        inputs.addAll(List.of(
                "a".repeat(255),
                "a".repeat(256),
                "a".repeat(1_001),
                "a".repeat(10_000),
                "a".repeat(40_000),
                "я".repeat(20_000),
                "\n".repeat(5_000),
                "a@" + "b".repeat(300) + ".org",
                "x".repeat(63) + "@example.org"));
        // addresses, good and bad
        inputs.addAll(List.of(
                "reader@example.org",
                "READER@EXAMPLE.ORG",
                "reader@example",
                "@example.org",
                "reader@",
                "a@b@c",
                "reader@example.org\r\nBcc: victim@example.org",
                "\"quoted\"@example.org",
                "reader+tag@example.org",
                "<reader@example.org>",
                "reader@[127.0.0.1]",
                "reader@xn--80ak6aa92e.com",
                "пользователь@пример.рф",
                "reader@example.org,other@example.org",
                "reader@example.org;other@example.org"));
        // injection strings: SQL, markup, templates, paths, headers, expression languages
        inputs.addAll(List.of(
                "' OR '1'='1",
                "' OR 1=1 --",
                "\"; DROP TABLE article; --",
                "1; SELECT pg_sleep(10)",
                "1' AND SLEEP(5)#",
                "' UNION SELECT email FROM staff --",
                "%' AND '1'='1",
                "\\",
                "\\'",
                "\\\\",
                "'",
                "\"",
                "`",
                "''",
                "<script>alert(1)</script>",
                "<img src=x onerror=alert(1)>",
                "\"><svg onload=alert(1)>",
                "javascript:alert(1)",
                "data:text/html,<script>alert(1)</script>",
                "<!--<script>",
                "</script>",
                "<![CDATA[x]]>",
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
                "${7*7}",
                "#{7*7}",
                "{{7*7}}",
                "<%= 7*7 %>",
                "${jndi:ldap://127.0.0.1/a}",
                "{0}",
                "{nope}",
                "{{",
                "}}",
                "%s%s%s%n",
                "%x",
                "%n",
                "../../../../etc/passwd",
                "..\\..\\windows\\win.ini",
                "/etc/passwd%00.jpg",
                "....//....//",
                "file:///etc/passwd",
                "http://127.0.0.1:22/",
                "//evil.example",
                "https://evil.example",
                "\r\nLocation: https://evil.example",
                "x\r\nSet-Cookie: a=b",
                "*",
                "?",
                "#",
                "&",
                "=",
                "&&==",
                "a=b&c=d",
                "+",
                "%",
                "%25",
                "%00",
                "%2e%2e%2f",
                "\u0000' OR 1=1",
                "$where",
                "{\"$gt\": \"\"}",
                "__proto__",
                "constructor",
                "toString",
                "AND",
                "OR",
                "NOT",
                "a~2",
                "*:*",
                "title:(a OR b)",
                "[a TO z]",
                "/.*/",
                "\"unbalanced",
                "((((",
                "))))",
                "a\"b'c`d",
                "none",
                "admin",
                "root"));
        // identifiers and choices of our own, misspelt or out of range
        inputs.addAll(List.of(
                "once",
                "monthly",
                "annual",
                "ONCE",
                "weekly",
                "publish",
                "save",
                "schedule",
                "now",
                "delete",
                "succeed",
                "fail",
                "cancel",
                "USD",
                "XYZ",
                "usd",
                "EUR ",
                "en",
                "ru",
                "xx",
                "EN",
                "two-weeks",
                "next-year",
                "up",
                "down",
                "sideways",
                "ADMIN",
                "EDITOR",
                "superuser",
                "on",
                "yes",
                "no"));
        return List.copyOf(inputs);
    }
}
