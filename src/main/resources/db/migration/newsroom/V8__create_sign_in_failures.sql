-- failed sign-ins, counted by every node together: by keyed marks of the account and of the
-- client's network (never the address or the network itself), forgotten after a quiet hour
CREATE TABLE sign_in_failure (
    mark     VARCHAR(200) NOT NULL PRIMARY KEY,
    failures INT          NOT NULL,
    last_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- the different accounts that failed from one client's network
CREATE TABLE sign_in_client_account (
    client  VARCHAR(64) NOT NULL,
    account VARCHAR(64) NOT NULL,
    last_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (client, account)
);
