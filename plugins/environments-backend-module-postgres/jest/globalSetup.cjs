// Jest `globalSetup`: one real PostgreSQL server for the whole test run (see the README).
module.exports =
  require('@paved/plugin-environments-backend-module-postgres/testUtils').globalSetup;
