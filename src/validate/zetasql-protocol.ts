/**
 * The part of ZetaSQL's local service protocol that pdb uses, as a protobufjs JSON descriptor.
 * Loading the package's own .proto files takes about 1.6 s (they hold the whole resolved AST);
 * this subset loads in milliseconds. Messages keep their full names and field numbers (from
 * lib/zetasql/protos in the package) and leave out every field pdb does not read or write: the
 * wire format skips unknown fields. Enums travel as plain numbers (see the constants below).
 */

type Field = { readonly type: string; readonly id: number; readonly rule?: 'repeated'; readonly keyType?: string };
type Message = { readonly fields: Readonly<Record<string, Field>>; readonly nested?: Readonly<Record<string, Message>> };

const f = (type: string, id: number): Field => ({ type, id });
const many = (type: string, id: number): Field => ({ type, id, rule: 'repeated' });
const map = (keyType: string, type: string, id: number): Field => ({ keyType, type, id });

const zetasql: Readonly<Record<string, Message>> = {
  LanguageOptionsProto: {
    fields: {
      nameResolutionMode: f('int32', 2),
      productMode: f('int32', 3),
      errorOnDeprecatedSyntax: f('bool', 4),
      enabledLanguageFeatures: many('int32', 5),
      supportedStatementKinds: many('int32', 6),
      supportedGenericEntityTypes: many('string', 7),
      reservedKeywords: many('string', 8),
      supportedGenericSubEntityTypes: many('string', 9),
    },
  },
  AnalyzerOptionsProto: {
    fields: { languageOptions: f('LanguageOptionsProto', 1), errorMessageMode: f('int32', 6), defaultTimezone: f('string', 7) },
  },
  ZetaSQLBuiltinFunctionOptionsProto: { fields: { languageOptions: f('LanguageOptionsProto', 1) } },
  TypeProto: { fields: { typeKind: f('int32', 1), arrayType: f('ArrayTypeProto', 2), structType: f('StructTypeProto', 3) } },
  ArrayTypeProto: { fields: { elementType: f('TypeProto', 1) } },
  StructFieldProto: { fields: { fieldName: f('string', 1), fieldType: f('TypeProto', 2) } },
  StructTypeProto: { fields: { field: many('StructFieldProto', 1) } },
  SimpleColumnProto: { fields: { name: f('string', 1), type: f('TypeProto', 2), isPseudoColumn: f('bool', 3) } },
  SimpleTableProto: { fields: { name: f('string', 1), column: many('SimpleColumnProto', 4), fullName: f('string', 10) } },
  SimpleCatalogProto: {
    fields: {
      name: f('string', 1),
      table: many('SimpleTableProto', 2),
      catalog: many('SimpleCatalogProto', 4),
      builtinFunctionOptions: f('ZetaSQLBuiltinFunctionOptionsProto', 5),
      constant: many('SimpleConstantProto', 10),
    },
  },
  SimpleConstantProto: { fields: { namePath: many('string', 1), type: f('TypeProto', 2), value: f('ValueProto', 3) } },
  ParseResumeLocationProto: { fields: { input: f('string', 1), bytePosition: f('int32', 2), allowResume: f('bool', 3) } },
  ValueProto: {
    fields: {
      int64Value: f('int64', 2),
      boolValue: f('bool', 5),
      doubleValue: f('double', 7),
      stringValue: f('string', 8),
      bytesValue: f('bytes', 9),
      dateValue: f('int32', 10),
      arrayValue: f('Array', 13),
      structValue: f('Struct', 14),
      timestampValue: f('google.protobuf.Timestamp', 16),
      numericValue: f('bytes', 20),
    },
    nested: {
      Array: { fields: { element: many('ValueProto', 1) } },
      Struct: { fields: { field: many('ValueProto', 1) } },
    },
  },
  ResolvedColumnProto: { fields: { name: f('string', 3), type: f('TypeProto', 4) } },
  ResolvedOutputColumnProto: { fields: { name: f('string', 2), column: f('ResolvedColumnProto', 3) } },
  ResolvedQueryStmtProto: { fields: { outputColumnList: many('ResolvedOutputColumnProto', 2), isValueTable: f('bool', 3) } },
  ResolvedCreateTableAsSelectStmtProto: { fields: { outputColumnList: many('ResolvedOutputColumnProto', 2) } },
  AnyResolvedCreateTableStmtBaseProto: { fields: { resolvedCreateTableAsSelectStmtNode: f('ResolvedCreateTableAsSelectStmtProto', 40) } },
  AnyResolvedCreateStatementProto: { fields: { resolvedCreateTableStmtBaseNode: f('AnyResolvedCreateTableStmtBaseProto', 106) } },
  AnyResolvedStatementProto: { fields: { resolvedQueryStmtNode: f('ResolvedQueryStmtProto', 38), resolvedCreateStatementNode: f('AnyResolvedCreateStatementProto', 39) } },
};

const localService: Readonly<Record<string, Message>> = {
  LanguageOptionsRequest: { fields: { maximumFeatures: f('bool', 1) } },
  RegisterCatalogRequest: { fields: { simpleCatalog: f('zetasql.SimpleCatalogProto', 1) } },
  RegisterResponse: { fields: { registeredId: f('int64', 1) } },
  UnregisterRequest: { fields: { registeredId: f('int64', 1) } },
  AnalyzeRequest: {
    fields: {
      options: f('zetasql.AnalyzerOptionsProto', 1),
      simpleCatalog: f('zetasql.SimpleCatalogProto', 2),
      registeredCatalogId: f('int64', 4),
      sqlStatement: f('string', 5),
      parseResumeLocation: f('zetasql.ParseResumeLocationProto', 6),
    },
  },
  AnalyzeResponse: { fields: { resolvedStatement: f('zetasql.AnyResolvedStatementProto', 1), resumeBytePosition: f('int32', 2) } },
  ParseRequest: {
    fields: { parseResumeLocation: f('zetasql.ParseResumeLocationProto', 3), options: f('zetasql.LanguageOptionsProto', 2), allowScript: f('bool', 4) },
  },
  // The parsed statement itself (field 1) is left out: pdb only needs where the next one starts.
  ParseResponse: { fields: { resumeBytePosition: f('int32', 2) } },
  TableData: {
    fields: { row: many('Row', 1) },
    nested: { Row: { fields: { cell: many('zetasql.ValueProto', 1) } } },
  },
  TableContent: { fields: { tableData: f('TableData', 1) } },
  EvaluateQueryRequest: {
    fields: {
      sql: f('string', 1),
      options: f('zetasql.AnalyzerOptionsProto', 2),
      simpleCatalog: f('zetasql.SimpleCatalogProto', 4),
      tableContent: map('string', 'TableContent', 7),
    },
  },
  PreparedQueryState: { fields: { columns: many('zetasql.SimpleColumnProto', 4) } },
  EvaluateQueryResponse: { fields: { content: f('TableContent', 1), prepared: f('PreparedQueryState', 2) } },
};

/** The descriptor for protobufjs `Root.fromJSON`. */
export const ZETASQL_PROTOCOL = {
  nested: {
    google: {
      nested: {
        protobuf: {
          nested: {
            Empty: { fields: {} },
            Timestamp: { fields: { seconds: f('int64', 1), nanos: f('int32', 2) } },
          },
        },
      },
    },
    zetasql: {
      nested: {
        ...zetasql,
        local_service: { nested: localService },
      },
    },
  },
} as const;

/** The gRPC service path and its methods: request and response message names. */
export const SERVICE_PATH = '/zetasql.local_service.ZetaSqlLocalService';
export const METHODS = {
  GetLanguageOptions: ['zetasql.local_service.LanguageOptionsRequest', 'zetasql.LanguageOptionsProto'],
  RegisterCatalog: ['zetasql.local_service.RegisterCatalogRequest', 'zetasql.local_service.RegisterResponse'],
  UnregisterCatalog: ['zetasql.local_service.UnregisterRequest', 'google.protobuf.Empty'],
  Analyze: ['zetasql.local_service.AnalyzeRequest', 'zetasql.local_service.AnalyzeResponse'],
  EvaluateQuery: ['zetasql.local_service.EvaluateQueryRequest', 'zetasql.local_service.EvaluateQueryResponse'],
  Parse: ['zetasql.local_service.ParseRequest', 'zetasql.local_service.ParseResponse'],
} as const;
export type MethodName = keyof typeof METHODS;

/** zetasql.TypeKind values pdb uses. */
export const TYPE_KIND = {
  INT64: 2,
  BOOL: 5,
  DOUBLE: 7,
  STRING: 8,
  BYTES: 9,
  DATE: 10,
  ARRAY: 16,
  STRUCT: 17,
  TIMESTAMP: 19,
  TIME: 20,
  DATETIME: 21,
  GEOGRAPHY: 22,
  NUMERIC: 23,
  BIGNUMERIC: 24,
  JSON: 26,
  INTERVAL: 27,
} as const;

export const PRODUCT_EXTERNAL = 1;
export const ERROR_MESSAGE_MULTI_LINE_WITH_CARET = 2;

/** A zetasql.TypeProto as protobufjs gives it (and takes it). */
export interface TypeProto {
  readonly typeKind?: number;
  readonly arrayType?: { readonly elementType?: TypeProto };
  readonly structType?: { readonly field?: readonly { readonly fieldName?: string; readonly fieldType?: TypeProto }[] };
}

export interface ColumnProto {
  readonly name?: string;
  readonly type?: TypeProto;
  readonly isPseudoColumn?: boolean;
}

export interface TableProto {
  readonly name: string;
  readonly column: readonly ColumnProto[];
}

/** A zetasql.ValueProto: exactly one field set, none for NULL. */
export interface ValueProto {
  readonly int64Value?: string | number;
  readonly boolValue?: boolean;
  readonly doubleValue?: number;
  readonly stringValue?: string;
  readonly bytesValue?: Uint8Array;
  readonly dateValue?: number;
  readonly arrayValue?: { readonly element?: readonly ValueProto[] };
  readonly structValue?: { readonly field?: readonly ValueProto[] };
  readonly timestampValue?: { readonly seconds?: string | number; readonly nanos?: number };
  readonly numericValue?: Uint8Array;
}
