"""Batch evaluation of many cases from a table: readers, writers, engines and the run."""

from heatcalc.batch.engines import (
    DASK_CONNECT_TIMEOUT_S,
    IN_FLIGHT_PER_WORKER,
    Router,
    Task,
    default_workers,
    evaluate_chunk,
    route_key,
)
from heatcalc.batch.readers import (
    CSV_SUFFIXES,
    DEFAULT_CHUNK_ROWS,
    EXCEL_SUFFIXES,
    INPUT_ROW,
    PARQUET_SUFFIXES,
    SNIFF_BYTES,
    SNIFF_ROWS,
    ColumnMap,
    CsvReader,
    ExcelReader,
    InputStyle,
    ParquetReader,
    RawRow,
    case_fields,
    detect_format,
    map_columns,
    open_table,
    result_columns,
)
from heatcalc.batch.run import (
    TEMPLATE_EXAMPLES,
    BatchSummary,
    ProgressCallback,
    run_batch,
    template_columns,
    write_template,
)
from heatcalc.batch.writers import (
    EXCEL_MAX_CHARS,
    EXCEL_MAX_ROWS,
    WARNING_SEP,
    CsvWriter,
    ExcelWriter,
    ParquetWriter,
    format_cell,
    neutralise,
)

__all__ = ['BatchSummary', 'CSV_SUFFIXES', 'ColumnMap', 'CsvReader', 'CsvWriter', 'DASK_CONNECT_TIMEOUT_S', 'DEFAULT_CHUNK_ROWS', 'EXCEL_MAX_CHARS', 'EXCEL_MAX_ROWS', 'EXCEL_SUFFIXES', 'ExcelReader', 'ExcelWriter', 'INPUT_ROW', 'IN_FLIGHT_PER_WORKER', 'InputStyle', 'PARQUET_SUFFIXES', 'ParquetReader', 'ParquetWriter', 'ProgressCallback', 'RawRow', 'Router', 'SNIFF_BYTES', 'SNIFF_ROWS', 'TEMPLATE_EXAMPLES', 'Task', 'WARNING_SEP', 'case_fields', 'default_workers', 'detect_format', 'evaluate_chunk', 'format_cell', 'map_columns', 'neutralise', 'open_table', 'result_columns', 'route_key', 'run_batch', 'template_columns', 'write_template']
