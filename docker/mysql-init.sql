-- Both schemas of xietong: business data and the engine's own tables.
CREATE DATABASE IF NOT EXISTS xietong CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS xietong_engine CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE DATABASE IF NOT EXISTS xietong_keycloak CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
