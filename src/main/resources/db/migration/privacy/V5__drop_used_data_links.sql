-- used "my data" links are now kept with every other single use, in the platform's used_nonce
DROP TABLE used_data_link;
