import assert from 'node:assert/strict';
import { withDatabase } from './test-db.js';

describe('test database URIs', () => {
  it('puts the database name into a URI that has none', () => {
    assert.equal(withDatabase('mongodb://127.0.0.1:4000/', 'app'), 'mongodb://127.0.0.1:4000/app');
    assert.equal(withDatabase('mongodb://127.0.0.1:4000', 'app'), 'mongodb://127.0.0.1:4000/app');
  });

  it('replaces the database name and keeps credentials, several hosts and options', () => {
    assert.equal(
      withDatabase('mongodb://u:p@h1:1,h2:2/old?replicaSet=rs0&authSource=admin', 'app'),
      'mongodb://u:p@h1:1,h2:2/app?replicaSet=rs0&authSource=admin',
    );
    assert.equal(
      withDatabase('mongodb+srv://cluster.example.net/?retryWrites=true', 'x'),
      'mongodb+srv://cluster.example.net/x?retryWrites=true',
    );
  });
});
